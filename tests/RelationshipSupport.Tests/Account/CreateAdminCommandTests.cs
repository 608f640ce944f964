using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Tests.Account;

/// <summary>The <c>create-admin</c> command-line verb, run against the test app's real services and database.</summary>
public sealed class CreateAdminCommandTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task It_creates_an_administrator_who_can_sign_in()
    {
        var exitCode = await CommandLine.CreateAdminAsync(app.Services, ["create-admin", "--email", "first.admin@staff.test", "--name", "First Admin"], "A-long-enough-passw0rd");

        Assert.Equal(0, exitCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var admin = await users.FindByEmailAsync("first.admin@staff.test");
            Assert.NotNull(admin);
            Assert.Equal("First Admin", admin.DisplayName);
            Assert.True(admin.IsActive);
            Assert.Equal([Roles.Administrator], await users.GetRolesAsync(admin));
        }
        var client = app.CreateBrowserLikeClient();
        var response = await AccountSteps.PostLoginAsync(client, "first.admin@staff.test", "A-long-enough-passw0rd");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await AccountSteps.IsSignedInAsync(client));
    }

    [Fact]
    public async Task It_refuses_an_address_that_already_has_an_account()
    {
        var existing = await app.CreateUserAsync(Roles.Therapist);

        var exitCode = await CommandLine.CreateAdminAsync(app.Services, ["create-admin", "--email", existing.Email!], "A-long-enough-passw0rd");

        Assert.Equal(1, exitCode);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal([Roles.Therapist], await users.GetRolesAsync((await users.FindByIdAsync(existing.Id))!));
    }

    [Theory]
    [InlineData("second.admin@staff.test", null, 2)]
    [InlineData(null, "A-long-enough-passw0rd", 2)]
    [InlineData("third.admin@staff.test", "short1", 1)]
    public async Task It_creates_nobody_without_an_address_and_a_good_password(string? email, string? password, int expectedExitCode)
    {
        string[] args = email is null ? ["create-admin"] : ["create-admin", "--email", email];

        var exitCode = await CommandLine.CreateAdminAsync(app.Services, args, password);

        Assert.Equal(expectedExitCode, exitCode);
        if (email is not null)
        {
            using var scope = app.Services.CreateScope();
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email));
        }
    }
}
