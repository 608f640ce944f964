using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Cases;

/// <summary>The caseload page for each role: the right rows, the supervisor's lists, the manager's capacity, refusals.</summary>
public sealed class CaseloadTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_therapist_sees_their_open_cases_with_next_session_and_sessions_used_but_not_another_therapists()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var other = await CaseData.TherapistAsync(app, supervisor);
        var allocated = await CaseData.AllocatedAsync(app, therapist, lastName: TestReferrals.UniqueName("Mine"));
        var inTherapy = await CaseData.InTherapyAsync(app, therapist);
        var notMine = await CaseData.AllocatedAsync(app, other);
        var sessionAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(2).Date.AddHours(18);
        await CaseData.WithCaseAsync(app, inTherapy, (referral, now) => referral.ScheduleSession(referral.Programme!, sessionAt, 50, SessionMode.Video, null,
            therapist.Id, null, SessionClients.Both, [], new Actor(therapist.Id, therapist.DisplayName), now));

        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var response = await client.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        var rows = page.QuerySelectorAll("[data-testid=my-cases] tbody tr").Select(r => r.GetAttribute("data-reference")).ToList();
        // The case with a session comes first, then the one without.
        Assert.Equal([inTherapy, allocated], rows);
        Assert.DoesNotContain(notMine, rows);
        var first = page.QuerySelector($"[data-testid=my-cases] tr[data-reference='{inTherapy}']")!;
        Assert.Equal("1 of 4–6", first.QuerySelector("[data-testid=sessions]")!.TextContent.Trim());
        Assert.Contains("18:00", first.QuerySelector("[data-testid=next-session]")!.TextContent);
        Assert.NotNull(first.QuerySelector($"a[href='/cases/{inTherapy}']"));
        Assert.Null(page.QuerySelector("[data-testid=capacity]"));
        Assert.Null(page.QuerySelector("[data-testid=sign-off]"));

        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.CaseloadViewed && a.UserId == therapist.Id).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.DoesNotContain("Mine", entry.Detail);
    }

    [Fact]
    public async Task A_supervisor_sees_supervised_cases_sign_offs_risk_alerts_and_extra_session_requests_and_acknowledges_an_alert()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var otherSupervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var elsewhere = await CaseData.TherapistAsync(app, otherSupervisor);
        var submitted = await CaseData.AllocatedAsync(app, therapist);
        var extension = await CaseData.InTherapyAsync(app, therapist);
        var otherTeam = await CaseData.AllocatedAsync(app, elsewhere);
        var author = new Actor(therapist.Id, therapist.DisplayName);
        var assessmentId = 0;
        await CaseData.WithCaseAsync(app, submitted, (referral, now) =>
        {
            var (kind, personId) = referral.RequiredAssessments(referral.Programme!)[0];
            var assessment = referral.StartAssessment(referral.Programme!, kind, personId, author, now);
            CaseData.Complete(assessment);
            assessment.Submit(therapist.Id, now);
            referral.RaiseRisk(RiskAlertSource.Session, null, RiskArea.DomesticAbuse, RiskLevel.High, "Disclosed", supervisor.Id, author, now);
        });
        assessmentId = await app.QueryDbAsync(db => db.Assessments.Where(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == submitted)).Select(a => a.Id).SingleAsync());
        await CaseData.WithCaseAsync(app, extension, (referral, now) => referral.RequestExtraSessions(2, "Progress is good", author, now));

        var client = await TriageData.SignInAsync(app, supervisor.Email!);
        var page = await HtmlForm.ParseAsync(await client.GetAsync("/cases"));
        var supervised = page.QuerySelectorAll("[data-testid=supervised-cases] tbody tr").Select(r => r.GetAttribute("data-reference")).ToList();
        Assert.Contains(submitted, supervised);
        Assert.Contains(extension, supervised);
        Assert.DoesNotContain(otherTeam, supervised);
        Assert.NotNull(page.QuerySelector($"[data-testid=sign-off] a[href='/cases/{submitted}/assessments/{assessmentId}/review']"));
        Assert.NotNull(page.QuerySelector($"[data-testid=extensions] a[href='/cases/{extension}/sessions']"));
        var alert = page.QuerySelector($"[data-testid=alert-list] li[data-reference='{submitted}']")!;
        Assert.Contains("Domestic abuse", alert.TextContent);
        Assert.Contains("Risk alert", page.QuerySelector($"[data-testid=supervised-cases] tr[data-reference='{submitted}'] [data-testid=alerts]")!.TextContent);

        // The other team's supervisor sees none of it.
        var other = await TriageData.SignInAsync(app, otherSupervisor.Email!);
        var otherPage = await HtmlForm.ParseAsync(await other.GetAsync("/cases"));
        Assert.Null(otherPage.QuerySelector($"[data-reference='{submitted}']"));

        var form = HtmlForm.FromResponse(page, "/cases", $"[data-testid=alert-list] li[data-reference='{submitted}'] form");
        var acknowledged = await form.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal("/cases", acknowledged.Headers.Location!.OriginalString);
        var stored = await app.QueryDbAsync(db => db.RiskAlerts.SingleAsync(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == submitted)));
        Assert.Equal(supervisor.Id, stored.AcknowledgedByUserId);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.RiskAlertAcknowledged && a.EntityId == submitted)));
        var after = await HtmlForm.ParseAsync(await client.GetAsync("/cases"));
        Assert.Null(after.QuerySelector($"[data-testid=alert-list] li[data-reference='{submitted}']"));
    }

    [Fact]
    public async Task A_manager_sees_caseload_against_capacity_without_clinical_detail()
    {
        var therapist = await CaseData.TherapistAsync(app);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RelationshipSupport.Application.Data.AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == therapist.Id);
            user.CaseCapacity = 1;
            await db.SaveChangesAsync();
        }
        var lastName = TestReferrals.UniqueName("Managed");
        await CaseData.AllocatedAsync(app, therapist, lastName: lastName);
        await CaseData.AllocatedAsync(app, therapist);

        var client = await app.SignedInClientAsync(Roles.Manager);
        var response = await client.GetAsync("/cases");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForm.ParseAsync(response);
        var row = page.QuerySelectorAll("[data-testid=capacity] tbody tr").Single(r => r.GetAttribute("data-therapist") == therapist.DisplayName);
        Assert.Equal("2", row.QuerySelector("[data-testid=open]")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector("[data-testid=capacity-value]")!.TextContent.Trim());
        Assert.Equal("0", row.QuerySelector("[data-testid=free]")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector("[data-testid=over-capacity]"));
        Assert.DoesNotContain(lastName, html);
        Assert.Null(page.QuerySelector("[data-testid=my-cases]"));
        Assert.Null(page.QuerySelector("[data-testid=supervisor-alerts]"));
    }

    [Fact]
    public async Task A_coordinator_is_refused_the_caseload()
    {
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/cases")).StatusCode);
    }
}
