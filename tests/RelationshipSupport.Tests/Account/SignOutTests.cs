using System.Net;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Account;

public sealed class SignOutTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_header_sign_out_button_signs_the_user_out()
    {
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var home = await HtmlForm.ParseAsync(await client.GetAsync("/"));
        var signOut = HtmlForm.FromResponse(home, "/", "header form[action='/account/logout']");

        var response = await signOut.PostAsync(client, new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }
}
