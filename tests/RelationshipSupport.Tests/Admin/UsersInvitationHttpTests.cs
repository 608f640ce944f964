using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Admin.Users;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Account;
using RelationshipSupport.Tests.Support;
using static RelationshipSupport.Tests.Admin.UsersSteps;

namespace RelationshipSupport.Tests.Admin;

/// <summary>Inviting a member of staff and their setting a password with the emailed link, through real HTTP.</summary>
public sealed class UsersInvitationHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private const string NewPassword = "Correct-Horse-42";

    [Fact]
    public async Task An_invited_member_of_staff_sets_a_password_with_the_emailed_link_and_signs_in()
    {
        var (_, admin) = await SignedInAdminAsync(app);
        var email = UniqueEmail("invitee");

        var id = await InviteNewAsync(admin, "Ivy Invitee", email, $"{Roles.Coordinator}|{Roles.Therapist}");

        var created = await app.QueryDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(id, created.Id);
        Assert.Equal("Ivy Invitee", created.DisplayName);
        Assert.Null(created.PasswordHash);
        Assert.False(created.EmailConfirmed);
        var roles = await app.QueryDbAsync(db => db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.Equal([Roles.Coordinator, Roles.Therapist], roles.Order());
        var mail = await app.QueryDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email));
        Assert.Equal(UserInvitations.Kind, mail.Kind);
        Assert.Contains("Dear Ivy Invitee", mail.BodyText, StringComparison.Ordinal);

        // The person opens the link, without being signed in.
        var link = await InvitationLinkAsync(app, email);
        Assert.StartsWith("/account/set-password?user=", link, StringComparison.Ordinal);
        var visitor = app.CreateBrowserLikeClient();

        var mismatch = await HtmlForm.ParseAsync(await SetPasswordAsync(visitor, link, NewPassword, "Something-Else-42"));
        Assert.Equal(["The passwords do not match"], HtmlForm.ErrorSummary(mismatch));
        Assert.All(mismatch.QuerySelectorAll("input[type=password]"), i => Assert.Equal("", i.GetAttribute("value")));

        var weak = await HtmlForm.ParseAsync(await SetPasswordAsync(visitor, link, "short"));
        Assert.Contains(HtmlForm.ErrorSummary(weak), e => e.Contains("at least 12 characters", StringComparison.Ordinal));

        var login = await FollowAsync(visitor, await SetPasswordAsync(visitor, link, NewPassword));
        Assert.Equal("Your password has been set. Sign in with your email address and new password.", Success(login));

        var signIn = await AccountSteps.PostLoginAsync(visitor, email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(await AccountSteps.IsSignedInAsync(visitor));
        Assert.True((await app.QueryDbAsync(db => db.Users.SingleAsync(u => u.Id == id))).EmailConfirmed);

        // The link worked once.
        var again = app.CreateBrowserLikeClient();
        var used = await HtmlForm.ParseAsync(await again.GetAsync(link));
        Assert.Equal(SetPassword.InvalidLinkMessage, used.QuerySelector("[data-testid=invalid-link]")!.TextContent.Trim());
        Assert.Null(used.QuerySelector("main form[method=post]"));

        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditActions.UserInvited && a.Detail!.StartsWith("roles=Coordinator,Therapist", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.UserPasswordSet && a.UserId == id);
        Assert.All(audit, a => Assert.DoesNotContain(email, a.Detail ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_wrong_or_used_link_is_refused_with_a_clear_message()
    {
        var (_, admin) = await SignedInAdminAsync(app);
        var email = UniqueEmail("badlink");
        var id = await InviteNewAsync(admin, "Bea Badlink", email, Roles.Manager);
        var link = await InvitationLinkAsync(app, email);
        var visitor = app.CreateBrowserLikeClient();

        foreach (var url in new[] { $"/account/set-password?user={id}&token=not-a-token", "/account/set-password", $"/account/set-password?user=nobody&token=x" })
        {
            var page = await HtmlForm.ParseAsync(await visitor.GetAsync(url));
            Assert.Equal(SetPassword.InvalidLinkMessage, page.QuerySelector("[data-testid=invalid-link]")!.TextContent.Trim());
        }

        // A form shown with a good link, sent after the link was used elsewhere, is refused too.
        var form = await HtmlForm.GetAsync(visitor, link);
        await SetPasswordAsync(app.CreateBrowserLikeClient(), link, NewPassword);
        var late = await form.PostAsync(visitor, new() { ["Input.Password"] = "Another-Passw0rd-1", ["Input.ConfirmPassword"] = "Another-Passw0rd-1" });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.NotNull((await HtmlForm.ParseAsync(late)).QuerySelector("[data-testid=invalid-link]"));
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostLoginAsync(app.CreateBrowserLikeClient(), email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Inviting_the_same_address_twice_creates_one_account()
    {
        var (_, admin) = await SignedInAdminAsync(app);
        var email = UniqueEmail("twice");
        var form = await HtmlForm.GetAsync(admin, "/admin/users/invite");
        var values = new Dictionary<string, string?> { ["Input.DisplayName"] = "Tom Twice", ["Input.Email"] = email, ["Input.Roles"] = Roles.Supervisor };

        // A double click sends the same form twice: both land on the one account.
        var first = await form.PostAsync(admin, values);
        var second = await form.PostAsync(admin, values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);

        // Inviting the address again later is refused, with a way to the account.
        var again = await InviteAsync(admin, "Tom Twice", email.ToUpperInvariant(), Roles.Supervisor);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await HtmlForm.ParseAsync(again);
        Assert.Equal(["This email address already has an account"], HtmlForm.ErrorSummary(page));
        Assert.Equal(first.Headers.Location!.OriginalString, page.QuerySelector("[data-testid=existing-account] a")!.GetAttribute("href"));

        var normalised = email.ToUpperInvariant();
        Assert.Equal(1, await app.QueryDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalised)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task Resending_an_invitation_sends_a_new_working_link_once()
    {
        var (_, admin) = await SignedInAdminAsync(app);
        var email = UniqueEmail("resend");
        var id = await InviteNewAsync(admin, "Rae Resend", email, Roles.Therapist);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var page = await FollowAsync(admin, await ActAsync(admin, id, "Resend"));
        Assert.Equal("Invitation sent again", Success(page));
        var soon = await FollowAsync(admin, await ActAsync(admin, id, "Resend"));
        Assert.Equal("An invitation was sent in the last 2 minutes, so another was not sent", Success(soon));
        Assert.Equal(2, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)));

        var visitor = app.CreateBrowserLikeClient();
        var login = await FollowAsync(visitor, await SetPasswordAsync(visitor, await InvitationLinkAsync(app, email), NewPassword));
        Assert.NotNull(Success(login));
        // With a password set there is no invitation to send.
        var account = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users/{id}"));
        Assert.Null(account.QuerySelector("form[action*='handler=Resend']"));
    }

    [Fact]
    public async Task The_invitation_form_keeps_the_values_typed_when_it_is_refused()
    {
        var (_, admin) = await SignedInAdminAsync(app);

        var response = await InviteAsync(admin, "Val Idation", "not-an-email", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(["Enter their email address in the correct format, like name@example.com", "Select at least one role"], HtmlForm.ErrorSummary(page));
        Assert.Equal("Val Idation", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        Assert.Equal("not-an-email", page.QuerySelector("#Input_Email")!.GetAttribute("value"));

        var empty = await HtmlForm.ParseAsync(await InviteAsync(admin, "", "", Roles.Manager));
        Assert.Equal(["Enter their full name", "Enter their email address"], HtmlForm.ErrorSummary(empty));
        Assert.NotNull(empty.QuerySelector($"input[name='Input.Roles'][value={Roles.Manager}][checked]"));
    }
}
