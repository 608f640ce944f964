using System.Net;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Cases;

/// <summary>Attendance (did-not-attend follow-up, risk raised in a session) and the .ics invitation.</summary>
public sealed class SessionsAttendanceTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Did_not_attend_creates_one_follow_up_task_that_the_therapist_marks_done()
    {
        var (_, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (referral, now) => SessionsData.Schedule(referral, now, therapist, now.AddHours(-2)));
        var sessionId = await app.QueryDbAsync(db => SessionsData.Of(db, reference).Select(s => s.Id).SingleAsync());

        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/{sessionId}/attendance");
        var values = new Dictionary<string, string?> { ["Input.Outcome"] = "DidNotAttend" };
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, values)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, values)).StatusCode); // the same form again

        var tasks = await app.QueryDbAsync(db => db.CaseTasks.Where(t => db.Referrals.Any(r => r.Id == t.ReferralId && r.Reference == reference)).ToListAsync());
        var task = Assert.Single(tasks);
        Assert.Equal((therapist.Id, new DateOnly(2026, 11, 3), sessionId), (task.AssignedToUserId, task.DueOn, task.SessionId!.Value));
        Assert.Equal(AttendanceOutcome.DidNotAttend, (await app.QueryDbAsync(db => SessionsData.Of(db, reference).SingleAsync())).Attendance);

        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/sessions"));
        Assert.Single(page.QuerySelectorAll("[data-testid=task]"));
        var done = HtmlForm.FromResponse(page, $"/cases/{reference}/sessions", "form[action*=TaskDone]");
        var empty = await done.PostAsync(client, new() { ["Input.Outcome"] = "" });
        Assert.Equal(["Enter what was done"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(empty)));
        Assert.Equal(HttpStatusCode.Redirect, (await done.PostAsync(client, new() { ["Input.Outcome"] = "Phoned; next session agreed" })).StatusCode);
        var closed = await app.QueryDbAsync(db => db.CaseTasks.SingleAsync(t => t.Id == task.Id));
        Assert.Equal("Phoned; next session agreed", closed.Outcome);
        Assert.NotNull(closed.DoneAtUtc);
    }

    [Fact]
    public async Task Cancelled_by_the_service_needs_a_reason_and_high_risk_in_a_session_alerts_the_supervisor_without_detail()
    {
        var (supervisor, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (referral, now) => SessionsData.Schedule(referral, now, therapist, now.AddHours(-3)));
        var sessionId = await app.QueryDbAsync(db => SessionsData.Of(db, reference).Select(s => s.Id).SingleAsync());
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/{sessionId}/attendance");

        var noReason = await form.PostAsync(client, new() { ["Input.Outcome"] = "CancelledByService" });
        Assert.Equal(["Enter the reason the service cancelled"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(noReason)));

        var saved = await form.PostAsync(client, new()
        {
            ["Input.Outcome"] = "Attended", ["Input.Attended"] = "Both",
            ["Input.RiskRaised"] = "true", ["Input.RiskArea"] = "SelfHarmSuicide", ["Input.RiskLevel"] = "High", ["Input.RiskNotes"] = "Disclosed a plan",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var alert = await app.QueryDbAsync(db => db.RiskAlerts.SingleAsync(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference)));
        Assert.Equal((RiskAlertSource.Session, sessionId, RiskLevel.High, supervisor.Id), (alert.Source, alert.SourceId!.Value, alert.Level, alert.SupervisorUserId));
        var mail = await app.QueryDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == RiskAlertNotifier.EmailKind && m.ToAddress == supervisor.Email));
        Assert.DoesNotContain("plan", mail.BodyText, StringComparison.OrdinalIgnoreCase);
        var session = await app.QueryDbAsync(db => SessionsData.Of(db, reference).SingleAsync());
        Assert.Equal((AttendanceOutcome.Attended, SessionClients.Both), (session.Attendance, session.ClientsAttended!.Value));

        // The form's stamp is now old: a different record from it is refused and the user told.
        var stale = await form.PostAsync(client, new() { ["Input.Outcome"] = "Late", ["Input.Attended"] = "PrimaryOnly" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(stale)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SessionAttendanceRecorded && a.EntityId == reference)));
    }

    [Fact]
    public async Task The_ics_file_parses_with_the_start_and_end_in_utc()
    {
        var (_, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        // Summer time: 18:30 in London is 17:30 UTC.
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, SessionsData.Form(new DateOnly(2027, 6, 1), "18:30", minutes: 50, mode: "InPerson", venue: "Hub room 2"))).StatusCode);
        var sessionId = await app.QueryDbAsync(db => SessionsData.Of(db, reference).Select(s => s.Id).SingleAsync());

        var response = await client.GetAsync($"/cases/{reference}/sessions/{sessionId}/ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal(new DateTime(2027, 6, 1, 17, 30, 0, DateTimeKind.Utc), e.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2027, 6, 1, 18, 20, 0, DateTimeKind.Utc), e.DtEnd!.AsUtc);
        Assert.Equal("Hub room 2", e.Location);
        Assert.DoesNotContain("Alex", e.Summary + e.Description);
    }
}
