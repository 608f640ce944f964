using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Dashboard;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Outcomes;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Waiting;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Dashboard;

/// <summary>
/// The manager's dashboard on a small hand-made data set (clock: Monday 2 November 2026, 10:00 GMT; period October and
/// November 2026), through the mediator and through real HTTP, with every expected figure worked out by hand.
/// </summary>
public sealed class DashboardTests : IDisposable
{
    private static readonly DateOnly From = new(2026, 10, 1);
    private static readonly DateOnly To = new(2026, 11, 30);
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    /// <summary>
    /// Referrals: d at 23:30 UTC on 30 September (00:30 BST on 1 October, so October) and c on 15 October, both left
    /// waiting; a (self-referral), b (professional) and e (self-referral, an assessment awaiting sign-off) on 2 November.
    /// Sessions of a and b: October attended, did not attend, cancelled by the service; November late, cancelled by the
    /// client; one in September and one not yet held, neither counted.
    /// </summary>
    private async Task<(StaffUser Therapist, string A)> SeedAsync()
    {
        var therapist = await CaseData.TherapistAsync(app);

        app.Clock.Set(new DateTimeOffset(2026, 9, 30, 23, 30, 0, TimeSpan.Zero));
        var d = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Dee"));
        await WaitingData.PlaceOnWaitingListAsync(app, d);
        app.Clock.Set(new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero));
        var c = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Cee"));
        await WaitingData.PlaceOnWaitingListAsync(app, c);
        app.Clock.Set(Now);

        var a = await CaseData.InTherapyAsync(app, therapist);
        var b = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, b, (r, _) => r.Route = ReferralRoute.Professional);
        var e = await CaseData.AllocatedAsync(app, therapist);
        await CaseData.WithCaseAsync(app, e, (referral, now) =>
        {
            var (kind, personId) = referral.RequiredAssessments(referral.Programme!)[0];
            var assessment = referral.StartAssessment(referral.Programme!, kind, personId, new Actor(therapist.Id, therapist.DisplayName), now);
            CaseData.Complete(assessment);
            assessment.Submit(therapist.Id, now);
        });

        await DashboardData.SessionAsync(app, a, therapist, new DateTime(2026, 9, 29, 17, 0, 0, DateTimeKind.Utc), AttendanceOutcome.Attended);
        await DashboardData.SessionAsync(app, a, therapist, new DateTime(2026, 10, 20, 17, 0, 0, DateTimeKind.Utc), AttendanceOutcome.Attended);
        await DashboardData.SessionAsync(app, a, therapist, new DateTime(2026, 10, 27, 17, 0, 0, DateTimeKind.Utc), AttendanceOutcome.DidNotAttend);
        await DashboardData.SessionAsync(app, b, therapist, new DateTime(2026, 10, 28, 17, 0, 0, DateTimeKind.Utc), AttendanceOutcome.CancelledByService);
        await DashboardData.SessionAsync(app, a, therapist, new DateTime(2026, 11, 1, 17, 0, 0, DateTimeKind.Utc), AttendanceOutcome.Late);
        await DashboardData.SessionAsync(app, b, therapist, new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc), AttendanceOutcome.CancelledByClient);
        await DashboardData.SessionAsync(app, a, therapist, new DateTime(2026, 11, 9, 17, 0, 0, DateTimeKind.Utc), null);
        return (therapist, a);
    }

    private Task<GetDashboard.Result> DashboardAsync(string? programme, StaffUser manager) =>
        app.SendAsync(new GetDashboard.Query(programme, From, To), manager, [Roles.Manager]);

    [Fact]
    public async Task Figures_for_a_programme_are_worked_out_from_the_records()
    {
        var (therapist, a) = await SeedAsync();
        // Case a's primary client: CORE-10 items all 3 at intake (total 26), all 1 at the end (14): a reliable fall, still clinical.
        await CaseData.WithCaseAsync(app, a, (r, _) => r.People.ForEach(p => p.ConsentToEvaluation = true));
        await OutcomeData.RequestAsync(app, a, therapist, Timepoint.Intake, sendLinks: false);
        await DashboardData.CompleteAsync(app, a, PersonRole.Primary, Timepoint.Intake, core10: 3, csi4: 2);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await OutcomeData.RequestAsync(app, a, therapist, Timepoint.End, sendLinks: false);
        await DashboardData.CompleteAsync(app, a, PersonRole.Primary, Timepoint.End, core10: 1, csi4: 4);
        var manager = await app.CreateUserAsync(Roles.Manager);

        var figures = await DashboardAsync(ReferenceDataSeeder.NhsStaff, manager);

        Assert.Equal(["Oct 2026", "Nov 2026"], figures.Months.Select(m => m.Label));
        Assert.Equal([2, 2], figures.Referrals.Single(r => r.Route == ReferralRoute.SelfReferral).Counts);
        Assert.Equal([0, 1], figures.Referrals.Single(r => r.Route == ReferralRoute.Professional).Counts);
        Assert.Equal(5, figures.ReferralsTotal);

        // Waiting now (2 November): c since 15 October (18 days), d since 1 October in UK time (32 days).
        Assert.Equal(new(2, 25.0, 32), figures.Waiting);

        // Therapist: a, b and e open; capacity 10.
        var row = Assert.Single(figures.Capacity);
        Assert.Equal((therapist.DisplayName, 3, 10, 7), (row.Name, row.OpenCases, row.Capacity, row.FreePlaces));

        Assert.Equal(
            [new GetDashboard.SessionMonth("2026-10", 1, 1, 0, 1), new GetDashboard.SessionMonth("2026-11", 1, 0, 1, 0)],
            figures.Sessions);
        Assert.Equal([50.0, 0.0], figures.Sessions.Select(s => s.DidNotAttendRate!.Value));
        // Totals: 2 attended, 1 did not: 1 ÷ 3.
        Assert.Equal(100.0 / 3, figures.SessionTotals.DidNotAttendRate!.Value, 10);

        var outcomes = Assert.Single(figures.Outcomes);
        var core10 = outcomes.Measures.Single(m => m.InstrumentCode == BuiltInInstruments.Core10);
        Assert.Equal((1, 26.0, 1, 14.0, 1, 1, 0), (core10.IntakeN, core10.IntakeMean!.Value, core10.EndN, core10.EndMean!.Value, core10.Pairs, core10.ReliableImprovement, core10.ReliableAndClinicallySignificant));

        Assert.Equal(new GetDashboard.SignOffs(1, 0), figures.SignOffs);

        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(x => x.Action == AuditActions.DashboardViewed).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal((manager.Id, "programme=nhs-staff; from=2026-10-01; to=2026-11-30"), (entry.UserId, entry.Detail));
    }

    [Fact]
    public async Task Another_programme_shows_none_of_these_records_and_all_programmes_shows_each_programmes_outcomes()
    {
        await SeedAsync();
        var manager = await app.CreateUserAsync(Roles.Manager);

        var other = await DashboardAsync(ReferenceDataSeeder.ParentsInConflict, manager);
        Assert.Equal(0, other.ReferralsTotal);
        Assert.Equal(new(0, null, null), other.Waiting);
        Assert.All(other.Sessions, s => Assert.Equal((0, 0, 0), (s.Attended, s.DidNotAttend, s.Cancelled)));
        Assert.Equal(new GetDashboard.SignOffs(0, null), other.SignOffs);
        // Therapists work across programmes: capacity is the same whichever programme is chosen.
        Assert.Equal(3, Assert.Single(other.Capacity).OpenCases);

        var all = await DashboardAsync(null, manager);
        Assert.Null(all.Programme);
        Assert.Equal(5, all.ReferralsTotal);
        Assert.Equal(
            [ReferenceDataSeeder.ParentsInConflict, ReferenceDataSeeder.NhsStaff],
            all.Outcomes.Select(o => o.ProgrammeCode).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var manager = await app.CreateUserAsync(Roles.Manager);
        var error = await Assert.ThrowsAsync<Application.Common.ValidationFailedException>(() =>
            app.SendAsync(new GetDashboard.Query(null, To, From), manager, [Roles.Manager]));
        Assert.Contains(error.Errors, e => e.Property == "To");
    }

    [Fact]
    public async Task The_page_shows_the_figures_with_tables_and_the_chart_data()
    {
        await SeedAsync();
        var client = await app.SignedInClientAsync(Roles.Manager);

        var response = await client.GetAsync($"/dashboard?programme={ReferenceDataSeeder.NhsStaff}&from=2026-10-01&to=2026-11-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        string Text(string testId) => page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
        Assert.Equal("5", Text("referrals-total"));
        Assert.Equal("2", Text("waiting-count"));
        Assert.Equal("now: median 25 days, longest 32 days", string.Join(' ', Text("waiting-age").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("33.3%", Text("dna-rate"));
        Assert.Equal("1", Text("signoffs"));
        var october = page.QuerySelectorAll("[data-testid=sessions-table] tr[data-month='2026-10'] td").Select(td => td.TextContent.Trim());
        Assert.Equal(["1", "1", "0", "1", "50.0%"], october);
        Assert.Equal(
            "/dashboard/export?programme=nhs-staff&from=2026-10-01&to=2026-11-30",
            page.QuerySelector("[data-testid=export]")!.GetAttribute("href"));
        // Chart data for the script, as JSON in a data element (no inline script).
        var json = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script#dashboard-data")!.TextContent).RootElement;
        Assert.Equal("application/json", page.QuerySelector("script#dashboard-data")!.GetAttribute("type"));
        Assert.Equal([1, 1], json.GetProperty("sessions").GetProperty("attended").EnumerateArray().Select(x => x.GetInt32()));
        Assert.All(page.QuerySelectorAll("script:not([src])"), s => Assert.Equal("application/json", s.GetAttribute("type")));
        Assert.Equal(3, page.QuerySelectorAll("canvas").Length);
        Assert.Equal(3, page.QuerySelectorAll("details table").Length);
    }

    [Fact]
    public async Task The_period_defaults_to_the_last_twelve_calendar_months_and_a_bad_date_is_shown_with_the_value_kept()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);

        var page = await HtmlForm.ParseAsync(await client.GetAsync("/dashboard"));
        Assert.Equal("2025-12-01", page.QuerySelector("input[name=From]")!.GetAttribute("value"));
        Assert.Equal("2026-11-02", page.QuerySelector("input[name=To]")!.GetAttribute("value"));
        Assert.Equal(12, page.QuerySelectorAll("[data-testid=sessions-table] tr[data-month]").Length);

        var bad = await HtmlForm.ParseAsync(await client.GetAsync("/dashboard?from=2026-02-30&to=2026-11-30"));
        Assert.Equal(["Enter the start of the period as a real date, for example 2026-04-01"], HtmlForm.ErrorSummary(bad));
        Assert.Equal("2026-02-30", bad.QuerySelector("input[name=From]")!.GetAttribute("value"));
        Assert.Null(bad.QuerySelector("[data-testid=tiles]"));
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/export")]
    public async Task Therapists_and_coordinators_are_refused_and_anonymous_users_are_sent_to_sign_in(string url)
    {
        foreach (var role in new[] { Roles.Therapist, Roles.Coordinator, Roles.Supervisor })
        {
            var client = await app.SignedInClientAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        var anonymous = await app.CreateBrowserLikeClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.AbsolutePath);
    }
}
