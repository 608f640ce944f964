using AngleSharp.Dom;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Account;

/// <summary>
/// Setting up an authenticator app and signing in with it, all through the real pages. Codes are computed from
/// the key on the page with the real clock, which is what Identity checks them against.
/// </summary>
public sealed class TwoFactorTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Setting_up_an_authenticator_then_signing_in_asks_for_its_code()
    {
        var user = await app.CreateUserAsync(Roles.Therapist);
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password)).StatusCode);

        var setup = await HtmlForm.ParseAsync(await client.GetAsync("/account/two-factor"));
        Assert.Contains("Two-factor sign-in is off", setup.QuerySelector("[data-testid=two-factor-status]")!.TextContent, StringComparison.Ordinal);
        var shownKey = setup.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shownKey);
        var uri = setup.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=authenticator-uri]")!.Value;
        Assert.Equal(
            $"otpauth://totp/Relationship%20Support:{Uri.EscapeDataString(user.Email!)}?secret={shownKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()}&issuer=Relationship%20Support&digits=6",
            uri);

        var authenticator = await AccountSteps.SetUpAuthenticatorAsync(client);

        Assert.Equal(shownKey, authenticator.Key);
        Assert.Equal(10, authenticator.RecoveryCodes.Count);
        Assert.Equal(10, authenticator.RecoveryCodes.Distinct().Count());
        Assert.True((await AccountSteps.ReloadAsync(app, user)).TwoFactorEnabled);
        var status = await HtmlForm.ParseAsync(await client.GetAsync("/account/two-factor"));
        Assert.Contains("Two-factor sign-in is on", status.QuerySelector("[data-testid=two-factor-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(status.QuerySelector("[data-testid=recovery-codes]"));
        Assert.Null(status.QuerySelector("[data-testid=shared-key]"));
        Assert.Equal("You have 10 recovery codes left.", status.QuerySelector("[data-testid=recovery-codes-left]")!.TextContent.Trim());

        await AccountSteps.SignOutAsync(client);
        var password = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password, "/account/login?ReturnUrl=%2Frefer");

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var codePage = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login-2fa", codePage, StringComparison.Ordinal);
        Assert.False(await AccountSteps.IsSignedInAsync(client), "signed in before entering the code");

        var codeForm = await HtmlForm.GetAsync(client, codePage);
        Assert.False(codeForm.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[type=checkbox][name='Input.RememberMachine']")!.IsChecked);
        var signedIn = await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, authenticator.CodeNow());

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/refer", signedIn.Headers.Location!.OriginalString);
        Assert.True(await AccountSteps.IsSignedInAsync(client));
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id).OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail, e.UserId }).ToListAsync());
        Assert.Equal(
            [
                (AuditActions.UserSignedIn, "password"),
                (AuditActions.TwoFactorEnabled, "authenticator app"),
                (AuditActions.UserSignedIn, "password and authenticator code"),
            ],
            actions.Select(a => (a.Action, a.Detail)));
        Assert.All(actions, a => Assert.Equal(user.Id, a.UserId));
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_two_factor_sign_in_on()
    {
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, "/account/two-factor", "form[action*='handler=Enable']");
        var key = form.Document.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim();
        var wrongCode = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(-1));

        var response = await form.PostAsync(client, new() { ["Code"] = wrongCode });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Single(HtmlForm.ErrorSummary(page));
        Assert.StartsWith("The code is not correct", AccountSteps.ErrorFor(page, "Code"), StringComparison.Ordinal);
        Assert.Equal(key, page.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=recovery-codes]"));

        var notSix = await (await HtmlForm.GetAsync(client, "/account/two-factor", "form[action*='handler=Enable']")).PostAsync(client, new() { ["Code"] = "12345" });
        Assert.Equal("The code must be 6 digits", AccountSteps.ErrorFor(await HtmlForm.ParseAsync(notSix), "Code"));
        Assert.Contains("Two-factor sign-in is off", (await HtmlForm.ParseAsync(await client.GetAsync("/account/two-factor"))).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        var user = await app.CreateUserAsync(Roles.Supervisor);
        var client = app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var authenticator = await AccountSteps.SetUpAuthenticatorAsync(client);
        var code = authenticator.RecoveryCodes[3];
        Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", code);
        await AccountSteps.SignOutAsync(client);

        var first = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        Assert.StartsWith("/account/login-2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var used = await AccountSteps.PostRecoveryCodeAsync(client, " " + code.ToLowerInvariant() + " ");

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.True(await AccountSteps.IsSignedInAsync(client));
        Assert.Equal("You have 9 recovery codes left.", (await HtmlForm.ParseAsync(await client.GetAsync("/account/two-factor"))).QuerySelector("[data-testid=recovery-codes-left]")!.TextContent.Trim());
        await AccountSteps.SignOutAsync(client);

        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var again = await AccountSteps.PostRecoveryCodeAsync(client, code);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["The recovery code is not correct or has already been used"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(again)));
        Assert.False(await AccountSteps.IsSignedInAsync(client));
        Assert.Equal(1, (await AccountSteps.ReloadAsync(app, user)).AccessFailedCount);

        var another = await AccountSteps.PostRecoveryCodeAsync(client, authenticator.RecoveryCodes[0]);
        Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
        Assert.True(await AccountSteps.IsSignedInAsync(client));
        var details = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id && e.Detail!.Contains("recovery")).OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["password and recovery code (9 left)", "wrong recovery code", "password and recovery code (8 left)"], details);
    }

    [Fact]
    public async Task Wrong_authenticator_codes_lock_the_account_like_wrong_passwords()
    {
        var user = await app.CreateUserAsync(Roles.Manager);
        var client = app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var authenticator = await AccountSteps.SetUpAuthenticatorAsync(client);
        await AccountSteps.SignOutAsync(client);
        var codePage = (await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password)).Headers.Location!.OriginalString;
        var wrongCode = Totp.Code(authenticator.Key, DateTimeOffset.UtcNow.AddHours(-1));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, wrongCode);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.StartsWith("The code is not correct", AccountSteps.ErrorFor(await HtmlForm.ParseAsync(wrong), "Input_Code"), StringComparison.Ordinal);
        }
        await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, wrongCode);
        var right = await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, authenticator.CodeNow());

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(["This account is locked after too many failed attempts. Try again in 15 minutes."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(right)));
        Assert.False(await AccountSteps.IsSignedInAsync(client));
        Assert.Contains(AuditActions.UserLockedOut, await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.EntityId == user.Id).Select(e => e.Action).ToListAsync()));

        // A recovery code does not get round the lockout, and is not used up by trying.
        var recovery = await AccountSteps.PostRecoveryCodeAsync(client, authenticator.RecoveryCodes[0]);
        Assert.Equal(["This account is locked after too many failed attempts. Try again in 15 minutes."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(recovery)));
        Assert.False(await AccountSteps.IsSignedInAsync(client));
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal(10, await users.CountRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!));
    }

    [Fact]
    public async Task A_remembered_device_is_not_asked_for_a_code_again_and_others_still_are()
    {
        // The remember-me cookie's expiry comes from the app's clock, the test client's cookie jar judges it by the
        // real one: let them agree, as they do in production, or the jar drops a cookie "expired" in the test's past.
        app.Clock.Set(DateTimeOffset.UtcNow);
        var user = await app.CreateUserAsync(Roles.Therapist);
        var client = app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var authenticator = await AccountSteps.SetUpAuthenticatorAsync(client);
        await AccountSteps.SignOutAsync(client);
        var codePage = (await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password)).Headers.Location!.OriginalString;
        await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, authenticator.CodeNow(), rememberDevice: true);
        await AccountSteps.SignOutAsync(client);

        var remembered = await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var otherDevice = await AccountSteps.PostLoginAsync(app.CreateBrowserLikeClient(), user.Email!, TestApp.Password);

        Assert.Equal("/", remembered.Headers.Location!.OriginalString);
        Assert.True(await AccountSteps.IsSignedInAsync(client));
        Assert.StartsWith("/account/login-2fa", otherDevice.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var client = app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var first = await AccountSteps.SetUpAuthenticatorAsync(client);

        var form = await HtmlForm.GetAsync(client, "/account/two-factor", "form[action*='handler=ResetRecoveryCodes']");
        var response = await form.PostAsync(client, new());
        var page = await HtmlForm.ParseAsync(response);
        var second = page.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();

        Assert.True(response.Headers.CacheControl!.NoStore, "Recovery codes must never be cached");
        Assert.Equal(10, second.Count);
        Assert.Empty(first.RecoveryCodes.Intersect(second));
        await AccountSteps.SignOutAsync(client);
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var old = await AccountSteps.PostRecoveryCodeAsync(client, first.RecoveryCodes[0]);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var current = await AccountSteps.PostRecoveryCodeAsync(client, second[0]);
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
    }

    [Fact]
    public async Task A_new_authenticator_key_turns_two_factor_off_until_it_is_checked_and_the_old_codes_stop_working()
    {
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var client = app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var oldApp = await AccountSteps.SetUpAuthenticatorAsync(client);

        var reset = await (await HtmlForm.GetAsync(client, "/account/two-factor", "form[action*='handler=ResetAuthenticator']")).PostAsync(client, new());
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False((await AccountSteps.ReloadAsync(app, user)).TwoFactorEnabled);
        var newApp = await AccountSteps.SetUpAuthenticatorAsync(client);

        Assert.NotEqual(oldApp.Key, newApp.Key);
        await AccountSteps.SignOutAsync(client);
        var codePage = (await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password)).Headers.Location!.OriginalString;
        var withOld = await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, oldApp.CodeNow());
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        var withNew = await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, newApp.CodeNow());
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(e => e.UserId == user.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains("user.authenticator-reset", actions);
    }

    [Fact]
    public async Task The_two_factor_page_and_the_code_pages_need_the_earlier_steps()
    {
        var client = app.CreateBrowserLikeClient();

        var setup = await client.GetAsync("/account/two-factor");
        var code = await client.GetAsync("/account/login-2fa");
        var recovery = await client.GetAsync("/account/login-recovery");

        Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
        Assert.StartsWith("/account/login", setup.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.StartsWith("/account/login", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
    }
}

internal static class UriExtensions
{
    /// <summary>The path and query of an absolute or relative redirect.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
