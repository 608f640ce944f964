using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Account;

/// <summary>Signing in with a password through the real login page: lockout, deactivated accounts, the audit trail.</summary>
public sealed class LoginTests(TestApp app) : IClassFixture<TestApp>
{
    private const string LockedOut = "This account is locked after too many failed attempts. Try again in 15 minutes.";
    private const string WrongDetails = "Enter a correct email address and password";

    [Fact]
    public async Task The_right_password_signs_in_and_returns_to_the_page_asked_for()
    {
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var client = app.CreateBrowserLikeClient();

        var response = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password, "/account/login?ReturnUrl=%2Frefer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/refer", response.Headers.Location!.OriginalString);
        Assert.True(await AccountSteps.IsSignedInAsync(client));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var user = await app.CreateUserAsync(Roles.Therapist);
        var client = app.CreateBrowserLikeClient();

        var response = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password, "/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_is_refused_with_the_lockout_message()
    {
        var user = await app.CreateUserAsync(Roles.Therapist);
        var client = app.CreateBrowserLikeClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await AccountSteps.PostLoginAsync(client, user.Email!, "Not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Equal([WrongDetails], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(wrong)));
        }
        var fifth = await AccountSteps.PostLoginAsync(client, user.Email!, "Not-the-password-5");
        Assert.Equal([LockedOut], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(fifth)));

        var sixth = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        var page = await HtmlForm.ParseAsync(sixth);
        Assert.Equal([LockedOut], HtmlForm.ErrorSummary(page));
        Assert.DoesNotContain(TestApp.Password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.False(await AccountSteps.IsSignedInAsync(client));
        Assert.True((await AccountSteps.ReloadAsync(app, user)).LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));

        var entries = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(4, entries.Count(a => a == AuditActions.UserSignInFailed));
        Assert.Equal(2, entries.Count(a => a == AuditActions.UserLockedOut));
        Assert.DoesNotContain(AuditActions.UserSignedIn, entries);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_even_with_the_right_password()
    {
        var user = await app.CreateUserAsync(Roles.Coordinator);
        await AccountSteps.UpdateUserAsync(app, user, u => u.IsActive = false);
        var client = app.CreateBrowserLikeClient();

        var response = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["This account has been deactivated. Ask an administrator if you need access."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(response)));
        Assert.False(await AccountSteps.IsSignedInAsync(client));
        var entry = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id).SingleAsync());
        Assert.Equal((AuditActions.UserSignInFailed, "deactivated account"), (entry.Action, entry.Detail));
    }

    [Fact]
    public async Task A_deactivated_account_with_a_wrong_password_gets_the_same_answer_as_anyone_else()
    {
        var user = await app.CreateUserAsync(Roles.Coordinator);
        await AccountSteps.UpdateUserAsync(app, user, u => u.IsActive = false);
        var client = app.CreateBrowserLikeClient();

        var deactivated = await AccountSteps.PostLoginAsync(client, user.Email!, "Not-the-password-1");
        var unknown = await AccountSteps.PostLoginAsync(client, "nobody@staff.test", "Not-the-password-1");

        Assert.Equal([WrongDetails], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(deactivated)));
        Assert.Equal([WrongDetails], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(unknown)));
    }

    [Fact]
    public async Task Signing_in_is_audited_with_the_user_id_and_never_the_email_address()
    {
        var user = await app.CreateUserAsync(Roles.Supervisor);
        var client = app.CreateBrowserLikeClient();

        await AccountSteps.PostLoginAsync(client, user.Email!, "Not-the-password-1");
        var response = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var entries = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Collection(entries,
            failed =>
            {
                Assert.Equal(AuditActions.UserSignInFailed, failed.Action);
                Assert.Equal("wrong password", failed.Detail);
            },
            signedIn =>
            {
                Assert.Equal(AuditActions.UserSignedIn, signedIn.Action);
                Assert.Equal("password", signedIn.Detail);
            });
        Assert.All(entries, e =>
        {
            Assert.Equal(user.Id, e.UserId);
            Assert.Equal("StaffUser", e.EntityType);
            Assert.False(string.IsNullOrEmpty(e.CorrelationId));
            var everything = string.Join("|", e.UserName, e.Detail, e.EntityId, e.UserId);
            Assert.DoesNotContain("@", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("Not-the-password", everything, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_sign_in_to_an_unknown_address_is_audited_without_the_address()
    {
        var client = app.CreateBrowserLikeClient();
        var before = await app.QueryDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.Id)) ?? 0;

        await AccountSteps.PostLoginAsync(client, "stranger-4471@elsewhere.test", "Whatever-password-1");

        var entry = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.Id > before && e.Detail == "unknown account").SingleAsync());
        Assert.Equal(AuditActions.UserSignInFailed, entry.Action);
        Assert.Null(entry.UserId);
        Assert.Null(entry.EntityId);
        var stored = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.Id > before).ToListAsync());
        Assert.DoesNotContain(stored, e => string.Join("|", e.UserName, e.Detail, e.EntityId).Contains("stranger-4471", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_access_denied_page_is_a_friendly_403()
    {
        var client = await app.SignedInClientAsync(Roles.Therapist);

        var response = await client.GetAsync("/account/access-denied?ReturnUrl=%2Ftriage");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal("You do not have access to this page", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("ask an administrator", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
