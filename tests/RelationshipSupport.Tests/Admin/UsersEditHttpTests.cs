using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Account;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;
using static RelationshipSupport.Tests.Admin.UsersSteps;

namespace RelationshipSupport.Tests.Admin;

/// <summary><c>/admin/users/{id}</c> through real HTTP: details, roles, assignments, and the account actions.</summary>
public sealed class UsersEditHttpTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Assignments_saved_here_decide_which_referrals_a_coordinator_sees_in_triage()
    {
        var lastName = TriageData.UniqueName("Assigned");
        var staffReferral = await TriageData.SubmitAsync(app, lastName);
        var parentsReferral = await TriageData.SubmitAsync(app, lastName, professional: true);
        var coordinator = await app.CreateUserAsync(Roles.Coordinator); // assigned to every programme
        var nhsStaff = await app.QueryDbAsync(db => db.Programmes.SingleAsync(p => p.Code == ReferenceDataSeeder.NhsStaff));
        var (_, admin) = await SignedInAdminAsync(app);

        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{coordinator.Id}");
        Assert.NotNull(form.Document.QuerySelector($"#assign-programme-{nhsStaff.Id}[checked]"));
        var saved = await FollowAsync(admin, await form.PostAsync(admin, new() { ["Input.ProgrammeIds"] = nhsStaff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.HubIds"] = null }));

        Assert.Equal("Changes saved", Success(saved));
        Assert.NotNull(saved.QuerySelector($"#assign-programme-{nhsStaff.Id}[checked]"));
        Assert.Single(saved.QuerySelectorAll("input[name='Input.ProgrammeIds'][checked]"));
        var client = await TriageData.SignInAsync(app, coordinator.Email!);
        var queue = await HtmlForm.ParseAsync(await client.GetAsync($"/triage?Search={lastName}"));
        Assert.Equal([staffReferral], queue.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/triage/referral/{parentsReferral}")).StatusCode);

        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.UserAssignmentsChanged && a.EntityId == coordinator.Id));
        Assert.Equal($"programmes={nhsStaff.Id}; hubs=", audit.Detail);
    }

    [Fact]
    public async Task Therapist_details_and_roles_are_saved_and_a_refused_form_keeps_the_values_typed()
    {
        var therapist = await app.CreateUserAsync(Roles.Therapist);
        var (_, admin) = await SignedInAdminAsync(app);
        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{therapist.Id}");

        var refused = await form.PostAsync(admin, new()
        {
            ["Input.DisplayName"] = "Theo Renamed",
            ["Input.Organisation"] = "Partner Counselling CIC",
            ["Input.CaseCapacity"] = "51",
            ["Input.Availability"] = $"{Availability.WeekdayEvenings}|{Availability.Weekends}",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForm.ParseAsync(refused);
        Assert.Equal(["Case capacity must be between 0 and 50"], HtmlForm.ErrorSummary(page));
        Assert.Equal("Theo Renamed", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        Assert.Equal("51", page.QuerySelector("#Input_CaseCapacity")!.GetAttribute("value"));
        Assert.Equal(2, page.QuerySelectorAll("input[name='Input.Availability'][checked]").Length);

        var retry = HtmlForm.FromResponse(page, form.Url);
        var saved = await FollowAsync(admin, await retry.PostAsync(admin, new() { ["Input.CaseCapacity"] = "12", ["Input.Roles"] = $"{Roles.Therapist}|{Roles.Supervisor}" }));
        Assert.Equal("Changes saved", Success(saved));

        var stored = await AccountSteps.ReloadAsync(app, therapist);
        Assert.Equal(("Theo Renamed", "Partner Counselling CIC", 12, Availability.WeekdayEvenings | Availability.Weekends),
            (stored.DisplayName, stored.Organisation, stored.CaseCapacity, stored.Availability));
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == therapist.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.UserUpdated, actions);
        Assert.Contains(AuditActions.UserRolesChanged, actions);
    }

    [Fact]
    public async Task A_change_made_meanwhile_is_not_overwritten_and_the_same_form_sent_twice_saves_once()
    {
        var manager = await app.CreateUserAsync(Roles.Manager);
        var (_, admin) = await SignedInAdminAsync(app);
        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{manager.Id}");

        // A double click: the second identical submission finds nothing left to change.
        var first = await form.PostAsync(admin, new() { ["Input.DisplayName"] = "Mo Twice" });
        Assert.Equal("Changes saved", Success(await FollowAsync(admin, first)));
        var second = await form.PostAsync(admin, new() { ["Input.DisplayName"] = "Mo Twice" });
        Assert.Equal("There were no changes to save", Success(await FollowAsync(admin, second)));

        // The old form, with a different change, is refused: someone else's change stands.
        var stale = await form.PostAsync(admin, new() { ["Input.DisplayName"] = "Mo Stale" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HtmlForm.ParseAsync(stale);
        Assert.Contains(HtmlForm.ErrorSummary(page), e => e.StartsWith("Someone else changed this record", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Equal("Mo Stale", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        Assert.Equal("Mo Twice", (await AccountSteps.ReloadAsync(app, manager)).DisplayName);

        // Sent again from the refreshed page, it is saved.
        var retried = await HtmlForm.FromResponse(page, form.Url).PostAsync(admin, []);
        Assert.Equal("Changes saved", Success(await FollowAsync(admin, retried)));
        Assert.Equal("Mo Stale", (await AccountSteps.ReloadAsync(app, manager)).DisplayName);
    }

    [Fact]
    public async Task A_locked_out_account_is_unlocked()
    {
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        var visitor = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++) await AccountSteps.PostLoginAsync(visitor, coordinator.Email!, "Wrong-Password-1");
        var locked = await HtmlForm.ParseAsync(await AccountSteps.PostLoginAsync(visitor, coordinator.Email!, TestApp.Password));
        Assert.Contains(RelationshipSupport.Web.Pages.Account.LoginModel.LockedOutMessage, HtmlForm.ErrorSummary(locked));
        var (_, admin) = await SignedInAdminAsync(app);

        var list = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Coordinator}&Status=Active&PageNumber=1"));
        Assert.NotNull(list.QuerySelector($"tr[data-user-id='{coordinator.Id}'] [data-testid=locked]"));
        var page = await FollowAsync(admin, await ActAsync(admin, coordinator.Id, "Unlock"));

        Assert.Equal("Account unlocked", Success(page));
        Assert.Equal("No", page.QuerySelector("[data-testid=locked]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostLoginAsync(visitor, coordinator.Email!, TestApp.Password)).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserUnlocked && a.EntityId == coordinator.Id)));
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themselves_or_remove_their_own_administrator_role()
    {
        var (me, admin) = await SignedInAdminAsync(app);
        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{me.Id}");
        Assert.Null(form.Document.QuerySelector("form[action*='handler=Deactivate']"));
        Assert.NotNull(form.Document.QuerySelector("[data-testid=cannot-deactivate-self]"));

        var roles = await form.PostAsync(admin, new() { ["Input.Roles"] = Roles.Manager });
        Assert.Equal(["You cannot remove your own Administrator role. Ask another administrator if it should be removed."],
            HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(roles)));

        // Posting the deactivation directly (the button is not shown) is refused by the handler too.
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var deactivate = await admin.PostAsync($"/admin/users/{me.Id}?handler=Deactivate", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Equal(["You cannot deactivate your own account. Ask another administrator if it should be deactivated."],
            HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(deactivate)));

        var stored = await AccountSteps.ReloadAsync(app, me);
        Assert.True(stored.IsActive);
        Assert.True(await app.QueryDbAsync(db => db.UserRoles.AnyAsync(ur => ur.UserId == me.Id)));
    }

    [Fact]
    public async Task The_list_filters_by_role_and_by_active_or_deactivated()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var (_, admin) = await SignedInAdminAsync(app);
        await FollowAsync(admin, await ActAsync(admin, supervisor.Id, "Deactivate"));

        static List<string> Ids(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("[data-testid=users] tbody tr").Select(r => r.GetAttribute("data-user-id")!).ToList();
        var deactivated = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Supervisor}&Status=Deactivated"));
        var active = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Supervisor}&Status=Active"));
        var managers = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Manager}"));

        Assert.Contains(supervisor.Id, Ids(deactivated));
        Assert.DoesNotContain(supervisor.Id, Ids(active));
        Assert.DoesNotContain(supervisor.Id, Ids(managers));
        var row = deactivated.QuerySelector($"tr[data-user-id='{supervisor.Id}']")!;
        Assert.Equal(supervisor.Email, row.QuerySelector("[data-testid=email]")!.TextContent.Trim());
        Assert.Equal(Roles.Supervisor, row.QuerySelector("[data-testid=roles]")!.TextContent.Trim());
        Assert.Contains("Deactivated", row.QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Off", row.QuerySelector("[data-testid=two-factor]")!.TextContent.Trim());
    }
}
