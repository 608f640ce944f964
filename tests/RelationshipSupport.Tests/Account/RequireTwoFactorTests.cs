using System.Net;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Account;

/// <summary>With <c>Security:RequireTwoFactor</c> on (the default outside Development), nobody works without an authenticator app.</summary>
public sealed class RequireTwoFactorTests : IDisposable
{
    private readonly TestApp _app = TestApp.With(new() { ["Security:RequireTwoFactor"] = "true" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_signed_in_user_without_two_factor_reaches_no_page_until_it_is_set_up()
    {
        var client = await _app.SignedInClientAsync(Roles.Coordinator);

        foreach (var path in new[] { "/triage", "/", "/refer", "/triage/anything" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/two-factor", response.Headers.Location!.OriginalString);
        }
        var setup = await client.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("You need to set this up before you can use Relationship Support", (await HtmlForm.ParseAsync(setup)).Body!.TextContent, StringComparison.Ordinal);

        await AccountSteps.SetUpAuthenticatorAsync(client);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var triage = await client.GetAsync("/triage");
        Assert.NotEqual("/account/two-factor", triage.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Someone_who_has_not_signed_in_is_not_sent_to_set_up_two_factor()
    {
        var client = _app.CreateBrowserLikeClient();

        var home = await client.GetAsync("/");
        var triage = await client.GetAsync("/triage");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, triage.StatusCode);
        Assert.StartsWith("/account/login", triage.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_with_two_factor_goes_straight_to_work_after_both_steps()
    {
        var user = await _app.CreateUserAsync(Roles.Coordinator);
        var client = _app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var authenticator = await AccountSteps.SetUpAuthenticatorAsync(client);
        await AccountSteps.SignOutAsync(client);

        var password = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var code = await AccountSteps.PostAuthenticatorCodeAsync(client, password.Headers.Location!.OriginalString, authenticator.CodeNow());

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
