using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Account;

/// <summary>The steps a member of staff takes through the real account pages, for the tests to combine.</summary>
public static class AccountSteps
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string url = "/account/login")
    {
        var form = await HtmlForm.GetAsync(client, url);
        return await form.PostAsync(client, new() { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>Enters an authenticator code on the page the password step redirected to.</summary>
    public static async Task<HttpResponseMessage> PostAuthenticatorCodeAsync(HttpClient client, string url, string code, bool rememberDevice = false)
    {
        var form = await HtmlForm.GetAsync(client, url);
        return await form.PostAsync(client, new()
        {
            ["Input.Code"] = code,
            ["Input.RememberMachine"] = rememberDevice ? "true|false" : "false",
        });
    }

    public static async Task<HttpResponseMessage> PostRecoveryCodeAsync(HttpClient client, string code, string url = "/account/login-recovery")
    {
        var form = await HtmlForm.GetAsync(client, url);
        return await form.PostAsync(client, new() { ["Input.RecoveryCode"] = code });
    }

    /// <summary>
    /// Signs out as the header's sign-out button does: a POST to /account/logout with the page's antiforgery token.
    /// (The header form itself renders without a token, because its explicit action attribute turns the form tag
    /// helper's automatic token off; a token from any form on the page is equally valid for this browser.)
    /// </summary>
    public static async Task SignOutAsync(HttpClient client)
    {
        var page = await HtmlForm.ParseAsync(await client.GetAsync("/account/two-factor"));
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await IsSignedInAsync(client), "still signed in after signing out");
    }

    /// <summary>The two-factor page answers only a signed-in user; anyone else is sent to sign in.</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account/two-factor");
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery(), StringComparison.OrdinalIgnoreCase);
        return false;
    }

    public sealed record Authenticator(string Key, IReadOnlyList<string> RecoveryCodes)
    {
        public string CodeNow() => Totp.Code(Key, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Sets up an authenticator app as a person would: reads the key from the page, "adds it to the app"
    /// (computes the code), turns two-factor sign-in on and copies the recovery codes shown.
    /// </summary>
    public static async Task<Authenticator> SetUpAuthenticatorAsync(HttpClient client)
    {
        var form = await HtmlForm.GetAsync(client, "/account/two-factor", "form[action*='handler=Enable']");
        var key = form.Document.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim();
        var response = await form.PostAsync(client, new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Empty(HtmlForm.ErrorSummary(page));
        var codes = page.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        return new Authenticator(key, codes);
    }

    public static async Task<StaffUser> ReloadAsync(TestApp app, StaffUser user)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(user.Id))!;
    }

    public static async Task UpdateUserAsync(TestApp app, StaffUser user, Action<StaffUser> change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        change(stored);
        var result = await users.UpdateAsync(stored);
        Assert.True(result.Succeeded);
    }

    public static string? ErrorFor(IHtmlDocument page, string fieldId) =>
        page.QuerySelector($"#{fieldId}-error")?.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim();
}
