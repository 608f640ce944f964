using System.Net;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary>The user administration pages are for administrators only.</summary>
public sealed class UsersAccessHttpTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Manager)]
    public async Task Other_roles_are_refused(string role)
    {
        var other = await app.CreateUserAsync(Roles.Manager);
        var client = await app.SignedInClientAsync(role);

        foreach (var url in new[] { "/admin/users", "/admin/users/invite", $"/admin/users/{other.Id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        var post = await client.PostAsync($"/admin/users/{other.Id}?handler=Deactivate", new FormUrlEncodedContent([]));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"answered {post.StatusCode}");
        Assert.True((await Account.AccountSteps.ReloadAsync(app, other)).IsActive);
    }

    [Fact]
    public async Task The_use_cases_refuse_anyone_but_an_administrator_whoever_calls_them()
    {
        var target = await app.CreateUserAsync(Roles.Therapist);
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);

        await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new DeactivateUser.Command(target.Id), supervisor, [Roles.Supervisor]));
        await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new ListUsers.Query(), supervisor, [Roles.Supervisor]));
        await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new InviteUser.Command
        {
            SubmissionId = Guid.NewGuid(), DisplayName = "Sly", Email = "sly@staff.test", Roles = [Roles.Administrator],
        }, supervisor, [Roles.Supervisor]));
        Assert.True((await Account.AccountSteps.ReloadAsync(app, target)).IsActive);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();

        foreach (var url in new[] { "/admin/users", "/admin/users/invite", "/admin/users/some-id" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath, ignoreCase: true);
        }
    }

    [Fact]
    public async Task An_unknown_account_is_not_found()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/users/no-such-account")).StatusCode);
    }
}
