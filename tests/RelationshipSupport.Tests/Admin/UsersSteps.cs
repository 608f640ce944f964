using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Admin;

/// <summary>What an administrator does on the /admin/users pages, for the tests to combine.</summary>
public static partial class UsersSteps
{
    [GeneratedRegex(@"https?://[^\s]+/account/set-password\?[^\s]+")]
    private static partial Regex SetPasswordLink();

    public static string UniqueEmail(string stem) => $"{stem}.{Guid.NewGuid():N}"[..(stem.Length + 9)] + "@staff.test";

    /// <summary>An administrator (returned, so tests can act on their own account) and their signed-in client.</summary>
    public static async Task<(StaffUser Admin, HttpClient Client)> SignedInAdminAsync(TestApp app)
    {
        var admin = await app.CreateUserAsync(Roles.Administrator);
        return (admin, await TriageData.SignInAsync(app, admin.Email!));
    }

    public static async Task<HttpResponseMessage> InviteAsync(HttpClient client, string name, string email, string? roles)
    {
        var form = await HtmlForm.GetAsync(client, "/admin/users/invite");
        return await form.PostAsync(client, new() { ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Roles"] = roles });
    }

    /// <summary>Invites someone and returns their new account's id (from the redirect to its page).</summary>
    public static async Task<string> InviteNewAsync(HttpClient client, string name, string email, string roles)
    {
        var response = await InviteAsync(client, name, email, roles);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/users/", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location["/admin/users/".Length..]);
    }

    /// <summary>The path and query of the newest invitation link emailed to <paramref name="email"/>.</summary>
    public static async Task<string> InvitationLinkAsync(TestApp app, string email)
    {
        var body = await app.QueryDbAsync(db => db.OutboxMessages
            .Where(m => m.Kind == UserInvitations.Kind && m.ToAddress == email)
            .OrderByDescending(m => m.CreatedAtUtc).Select(m => m.BodyText).FirstAsync());
        var link = new Uri(SetPasswordLink().Match(body).Value);
        return link.PathAndQuery;
    }

    public static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password, string? confirm = null)
    {
        var form = await HtmlForm.GetAsync(client, link);
        return await form.PostAsync(client, new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = confirm ?? password });
    }

    /// <summary>Presses one of the account buttons (Resend, Unlock, Deactivate, Reactivate) on the account's page.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, string userId, string handler)
    {
        var form = await HtmlForm.GetAsync(client, $"/admin/users/{userId}", $"form[action*='handler={handler}']");
        return await form.PostAsync(client, []);
    }

    /// <summary>Follows a post/redirect/get and returns the page it lands on.</summary>
    public static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await HtmlForm.ParseAsync(page);
    }

    public static string? Success(IHtmlDocument page) => page.QuerySelector("[data-testid=success] .nhsuk-notification-banner__heading")?.TextContent.Trim();
}
