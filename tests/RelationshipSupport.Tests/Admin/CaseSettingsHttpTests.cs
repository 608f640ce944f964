using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Account;
using RelationshipSupport.Tests.Support;
using static RelationshipSupport.Tests.Admin.UsersSteps;

namespace RelationshipSupport.Tests.Admin;

/// <summary>
/// The administrator's settings for cases (issue 4) through real HTTP: a therapist's supervisor on the staff account,
/// and whether a programme's couples also have individual assessments.
/// </summary>
public sealed class CaseSettingsHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private const string SupervisorSelect = "#Input_SupervisorUserId";

    private async Task<StaffUser> DeactivatedAsync(StaffUser user)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        stored.IsActive = false;
        await db.SaveChangesAsync();
        return stored;
    }

    private async Task SetSupervisorInDbAsync(StaffUser therapist, string? supervisorId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Users.SingleAsync(u => u.Id == therapist.Id)).SupervisorUserId = supervisorId;
        await db.SaveChangesAsync();
    }

    private static List<string> OptionValues(IHtmlDocument page) =>
        page.QuerySelectorAll($"{SupervisorSelect} option").Select(o => ((IHtmlOptionElement)o).Value).ToList();

    private static string? Selected(IHtmlDocument page) => page.QuerySelector<IHtmlSelectElement>(SupervisorSelect)?.Value;

    [Fact]
    public async Task A_therapists_supervisor_is_chosen_from_active_supervisors_saved_audited_and_shown_in_the_list()
    {
        var therapist = await app.CreateUserAsync(Roles.Therapist);
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var alsoTherapist = await app.CreateUserAsync(Roles.Supervisor, Roles.Therapist);
        var manager = await app.CreateUserAsync(Roles.Manager);
        var gone = await DeactivatedAsync(await app.CreateUserAsync(Roles.Supervisor));
        var (_, admin) = await SignedInAdminAsync(app);

        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{therapist.Id}");
        var options = OptionValues(form.Document);
        Assert.Equal("", options[0]); // "None" first
        Assert.Equal("None", form.Document.QuerySelector($"{SupervisorSelect} option")!.TextContent.Trim());
        Assert.Contains(supervisor.Id, options);
        Assert.Contains(alsoTherapist.Id, options);
        Assert.DoesNotContain(manager.Id, options);
        Assert.DoesNotContain(gone.Id, options);
        Assert.DoesNotContain(therapist.Id, options);
        Assert.Equal("", Selected(form.Document));
        Assert.NotNull(form.Document.QuerySelector($"label[for='Input_SupervisorUserId']"));

        var saved = await FollowAsync(admin, await form.PostAsync(admin, new() { ["Input.DisplayName"] = "Aaron Supervised", ["Input.CaseCapacity"] = "10", ["Input.SupervisorUserId"] = supervisor.Id }));

        Assert.Equal("Changes saved", Success(saved));
        Assert.Equal(supervisor.Id, Selected(saved));
        Assert.Equal(supervisor.Id, (await AccountSteps.ReloadAsync(app, therapist)).SupervisorUserId);
        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == therapist.Id && a.Action == AuditActions.UserUpdated).Select(a => a.Detail).ToListAsync());
        Assert.Equal(["details changed; supervisor changed"], audit);

        var list = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Therapist}&Status=Active"));
        Assert.Equal($"Supervisor: {supervisor.DisplayName}", list.QuerySelector($"tr[data-user-id='{therapist.Id}'] [data-testid=supervisor]")!.TextContent.Trim());
        Assert.Equal("Supervisor: none", list.QuerySelector($"tr[data-user-id='{alsoTherapist.Id}'] [data-testid=supervisor]")?.TextContent.Trim());
        var all = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Manager}"));
        Assert.Null(all.QuerySelector($"tr[data-user-id='{manager.Id}'] [data-testid=supervisor]")); // not a therapist

        // Back to none: only the supervisor changed.
        var again = await HtmlForm.GetAsync(admin, $"/admin/users/{therapist.Id}");
        Assert.Equal("Changes saved", Success(await FollowAsync(admin, await again.PostAsync(admin, new() { ["Input.SupervisorUserId"] = "" }))));
        Assert.Null((await AccountSteps.ReloadAsync(app, therapist)).SupervisorUserId);
        audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == therapist.Id && a.Action == AuditActions.UserUpdated).OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync());
        Assert.Equal(["details changed; supervisor changed", "supervisor changed"], audit);
    }

    [Fact]
    public async Task A_therapist_cannot_be_their_own_supervisor_nor_supervised_by_someone_who_is_not_an_active_supervisor()
    {
        var therapist = await app.CreateUserAsync(Roles.Therapist, Roles.Supervisor);
        var manager = await app.CreateUserAsync(Roles.Manager);
        var gone = await DeactivatedAsync(await app.CreateUserAsync(Roles.Supervisor));
        var (_, admin) = await SignedInAdminAsync(app);
        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{therapist.Id}");
        Assert.DoesNotContain(therapist.Id, OptionValues(form.Document));

        var own = await form.PostAsync(admin, new() { ["Input.DisplayName"] = "Sue Self", ["Input.CaseCapacity"] = "10", ["Input.SupervisorUserId"] = therapist.Id });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var page = await HtmlForm.ParseAsync(own);
        Assert.Equal(["A therapist cannot be their own supervisor: select someone else, or none"], HtmlForm.ErrorSummary(page));
        Assert.Equal("Sue Self", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#Input_SupervisorUserId-error, .nhsuk-form-group--error #Input_SupervisorUserId"));

        foreach (var notSupervisor in new[] { manager.Id, gone.Id, "no-such-user" })
        {
            var refused = await form.PostAsync(admin, new() { ["Input.CaseCapacity"] = "10", ["Input.SupervisorUserId"] = notSupervisor });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(["Select a supervisor from the list: only active staff with the Supervisor role can supervise"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(refused)));
        }

        var stored = await AccountSteps.ReloadAsync(app, therapist);
        Assert.Null(stored.SupervisorUserId);
        Assert.NotEqual("Sue Self", stored.DisplayName);
        Assert.False(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == therapist.Id && a.Action == AuditActions.UserUpdated)));
    }

    [Fact]
    public async Task A_supervisor_who_has_left_stays_set_and_marked_until_the_administrator_chooses_another()
    {
        var therapist = await app.CreateUserAsync(Roles.Therapist);
        var leaver = await app.CreateUserAsync(Roles.Supervisor);
        await SetSupervisorInDbAsync(therapist, leaver.Id);
        await DeactivatedAsync(leaver);
        var (_, admin) = await SignedInAdminAsync(app);

        var form = await HtmlForm.GetAsync(admin, $"/admin/users/{therapist.Id}");
        Assert.Equal(leaver.Id, Selected(form.Document));
        Assert.Equal($"{leaver.DisplayName} (no longer an active supervisor)",
            form.Document.QuerySelector($"{SupervisorSelect} option[value='{leaver.Id}']")!.TextContent.Trim());

        // Saving other details keeps the supervisor: nothing is lost silently.
        Assert.Equal("Changes saved", Success(await FollowAsync(admin, await form.PostAsync(admin, new() { ["Input.CaseCapacity"] = "7" }))));
        var stored = await AccountSteps.ReloadAsync(app, therapist);
        Assert.Equal((leaver.Id, (int?)7), (stored.SupervisorUserId, stored.CaseCapacity));
        var list = await HtmlForm.ParseAsync(await admin.GetAsync($"/admin/users?Role={Roles.Therapist}"));
        Assert.Equal($"Supervisor: {leaver.DisplayName} (deactivated)", list.QuerySelector($"tr[data-user-id='{therapist.Id}'] [data-testid=supervisor]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Coordinator)]
    public async Task Only_an_administrator_sets_supervisors_and_programme_settings(string role)
    {
        var therapist = await app.CreateUserAsync(Roles.Therapist);
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var client = await app.SignedInClientAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/users/{therapist.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/programmes/{ReferenceDataSeeder.ParentsInConflict}")).StatusCode);
        var post = await client.PostAsync($"/admin/users/{therapist.Id}", new FormUrlEncodedContent([new("Input.SupervisorUserId", supervisor.Id)]));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"answered {post.StatusCode}");
        Assert.Null((await AccountSteps.ReloadAsync(app, therapist)).SupervisorUserId);
    }

    [Fact]
    public async Task Couples_also_have_individual_assessments_is_set_on_the_programme_and_kept_when_the_form_is_refused()
    {
        var code = await SettingsData.AddProgrammeAsync(app, "assess");
        var client = await app.SignedInClientAsync(Roles.Administrator);

        var form = await HtmlForm.GetAsync(client, $"/admin/programmes/{code}");
        var box = form.Document.QuerySelector<IHtmlInputElement>("#Input_IndividualAssessmentsForCouples")!;
        Assert.False(box.IsChecked);
        Assert.Equal("Couples also have individual assessments", form.Document.QuerySelector("label[for='Input_IndividualAssessmentsForCouples']")!.TextContent.Trim());
        Assert.Contains("individual assessment", form.Document.QuerySelector("#Input_IndividualAssessmentsForCouples-hint")!.TextContent);

        var response = await form.PostAsync(client, new() { ["Input.IndividualAssessmentsForCouples"] = "true|false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Equal("Programme settings saved", SettingsData.Success(page));
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Input_IndividualAssessmentsForCouples")!.IsChecked);
        Assert.True(await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.IndividualAssessmentsForCouples).SingleAsync()));
        Assert.True(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ProgrammeUpdated && a.EntityId == code)));

        // A bad value elsewhere: the page comes back with the error summary and the box as the administrator left it.
        var retry = HtmlForm.FromResponse(page, form.Url);
        var refused = await retry.PostAsync(client, new() { ["Input.IndividualAssessmentsForCouples"] = "false", ["Input.MaxSessionMinutes"] = "500" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await HtmlForm.ParseAsync(refused);
        var error = Assert.Single(HtmlForm.ErrorSummary(again));
        Assert.Contains("minutes", error);
        Assert.False(again.QuerySelector<IHtmlInputElement>("#Input_IndividualAssessmentsForCouples")!.IsChecked);
        Assert.True(await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.IndividualAssessmentsForCouples).SingleAsync()));

        // Unticked and saved.
        var untick = await HtmlForm.FromResponse(again, form.Url).PostAsync(client, new() { ["Input.MaxSessionMinutes"] = "60" });
        Assert.Equal(HttpStatusCode.Redirect, untick.StatusCode);
        Assert.False(await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.IndividualAssessmentsForCouples).SingleAsync()));
    }

    [Fact]
    public async Task A_new_database_has_individual_assessments_for_parents_in_conflict_only()
    {
        var settings = await app.QueryDbAsync(db => db.Programmes
            .Where(p => p.Code == ReferenceDataSeeder.ParentsInConflict || p.Code == ReferenceDataSeeder.NhsStaff)
            .ToDictionaryAsync(p => p.Code, p => p.IndividualAssessmentsForCouples));

        Assert.True(settings[ReferenceDataSeeder.ParentsInConflict]);
        Assert.False(settings[ReferenceDataSeeder.NhsStaff]);
    }
}
