using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Cases;

/// <summary>What the session tests share: a signed-in therapist with a supervisor, the schedule form's values, sessions made through the domain.</summary>
public static class SessionsData
{
    public static async Task<(StaffUser Supervisor, StaffUser Therapist, HttpClient Client)> TherapistAsync(TestApp app)
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        return (supervisor, therapist, await TriageData.SignInAsync(app, therapist.Email!));
    }

    public static Dictionary<string, string?> Form(DateOnly date, string time, int minutes = 50, string mode = "Video", string? venue = null) => new()
    {
        ["Input.Date.Day"] = date.Day.ToString(),
        ["Input.Date.Month"] = date.Month.ToString(),
        ["Input.Date.Year"] = date.Year.ToString(),
        ["Input.StartTime"] = time,
        ["Input.Minutes"] = minutes.ToString(),
        ["Input.Mode"] = mode,
        ["Input.Venue"] = venue ?? "",
    };

    public static TherapySession Schedule(Referral referral, DateTime now, StaffUser therapist, DateTime startsAtUtc, int minutes = 50) =>
        referral.ScheduleSession(referral.Programme!, startsAtUtc, minutes, SessionMode.Video, null, therapist.Id, null, SessionClients.Both, [],
            new Actor(therapist.Id, therapist.DisplayName), now);

    public static IQueryable<TherapySession> Of(Application.Data.AppDbContext db, string reference) =>
        db.TherapySessions.Where(s => db.Referrals.Any(r => r.Id == s.ReferralId && r.Reference == reference));

    /// <summary>The clients of the case choose email contact (the first partner's address is unique per test referral; the second gets one).</summary>
    public static Task ConsentToEmailAsync(TestApp app, string reference) => CaseData.WithCaseAsync(app, reference, (referral, _) =>
    {
        foreach (var person in referral.People)
        {
            person.Email ??= $"{Guid.NewGuid():N}@example.com";
            person.PreferredContact = PreferredContact.Email;
        }
    });
}

/// <summary>Scheduling sessions through the pages: the range, the length, double booking, idempotency and who may do it.</summary>
public sealed class SessionsSchedulingTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly DateOnly NextWeek = new(2026, 11, 10);

    [Fact]
    public async Task A_therapist_schedules_an_evening_session_once_even_when_the_form_is_sent_twice_and_the_clients_are_invited()
    {
        var (_, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await SessionsData.ConsentToEmailAsync(app, reference);

        var list = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/sessions"));
        Assert.NotNull(list.QuerySelector("[data-testid=schedule]"));
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        var values = SessionsData.Form(NextWeek, "19:30");
        var first = await form.PostAsync(client, values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await form.PostAsync(client, values);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var sessions = await app.QueryDbAsync(db => SessionsData.Of(db, reference).ToListAsync());
        var session = Assert.Single(sessions);
        Assert.Equal(new DateTime(2026, 11, 10, 19, 30, 0), session.StartsAtUtc); // GMT in November
        Assert.Equal((50, SessionMode.Video, therapist.Id, SessionClients.Both), (session.Minutes, session.Mode, session.TherapistUserId, session.ClientsExpected));
        var invitations = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Kind == SessionEmails.InvitationKind && m.BodyText.Contains("19:30")).ToListAsync());
        var emails = await app.QueryDbAsync(db => db.ReferralPeople.Where(p => db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference)).Select(p => p.Email!).ToListAsync());
        Assert.Equal(emails.Order(), invitations.Where(m => emails.Contains(m.ToAddress)).Select(m => m.ToAddress).Order());
        Assert.All(invitations, m => Assert.Contains("a video link will be sent by your therapist", m.BodyText));
        // Each invitation carries the session as a calendar file, with its time in UTC and a UID of its own.
        Assert.All(invitations, m =>
        {
            Assert.Equal(("session.ics", "text/calendar; method=PUBLISH"), (m.AttachmentName, m.AttachmentContentType));
            var e = Assert.Single(Ical.Net.Calendar.Load(m.AttachmentText!)!.Events);
            Assert.Equal((new DateTime(2026, 11, 10, 19, 30, 0), new DateTime(2026, 11, 10, 20, 20, 0)), (e.DtStart!.AsUtc, e.DtEnd!.AsUtc));
            Assert.Equal($"session-{reference}-20261110T1930@relationship-support", e.Uid);
            Assert.DoesNotContain("Alex", m.AttachmentText); // no client names in the file (the test couple are Alex and Jordan)
            Assert.DoesNotContain("Jordan", m.AttachmentText);
        });
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SessionScheduled && a.EntityId == reference)));

        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/sessions"));
        Assert.Single(page.QuerySelectorAll("[data-testid=session-row]"));
        Assert.Contains("19:30", page.QuerySelector("[data-testid=sessions]")!.TextContent);
    }

    [Fact]
    public async Task A_session_longer_than_the_programme_allows_or_at_an_odd_hour_is_refused()
    {
        var (_, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        Assert.Equal("60", form.CurrentFields().Single(f => f.Key == "Input.Minutes").Value);

        var tooLong = await form.PostAsync(client, SessionsData.Form(NextWeek, "18:00", minutes: 90));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Equal(["A session lasts at most 60 minutes on this programme."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(tooLong)));

        var late = await form.PostAsync(client, SessionsData.Form(NextWeek, "22:30"));
        Assert.Equal(["Enter a start time between 07:00 and 22:00"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(late)));
        var inPerson = await form.PostAsync(client, SessionsData.Form(NextWeek, "18:00", mode: "InPerson"));
        Assert.Equal(["Enter the venue for a session in person"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(inPerson)));
        Assert.Equal(0, await app.QueryDbAsync(db => SessionsData.Of(db, reference).CountAsync()));
    }

    [Fact]
    public async Task Beyond_the_maximum_needs_extra_sessions_approved_by_the_supervisor_and_cancelled_sessions_do_not_count()
    {
        var (supervisor, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var start = new DateTime(2026, 11, 16, 9, 0, 0);
        await CaseData.WithCaseAsync(app, reference, (referral, now) =>
        {
            for (var i = 0; i < 6; i++) SessionsData.Schedule(referral, now, therapist, start.AddDays(i));
        });

        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        var refused = await form.PostAsync(client, SessionsData.Form(new DateOnly(2026, 11, 30), "18:00"));
        var error = Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(refused)));
        Assert.Contains("request extra sessions", error);

        // A client cancels one: it no longer counts, so one more fits.
        await CaseData.WithCaseAsync(app, reference, (referral, now) =>
            referral.RecordAttendance(referral.Sessions.OrderBy(s => s.StartsAtUtc).Last(), AttendanceOutcome.CancelledByClient, null, null, new Actor(therapist.Id, therapist.DisplayName), now));
        form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, SessionsData.Form(new DateOnly(2026, 11, 30), "18:00"))).StatusCode);
        form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        Assert.Contains("request extra sessions", Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(
            await form.PostAsync(client, SessionsData.Form(new DateOnly(2026, 12, 1), "18:00"))))));

        // The therapist asks for two more; the supervisor is emailed (no names) and approves.
        var request = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/extra");
        Assert.Equal(HttpStatusCode.Redirect, (await request.PostAsync(client, new() { ["Input.ExtraSessions"] = "2", ["Input.Reason"] = "Good progress; two more to consolidate" })).StatusCode);
        var mail = await app.QueryDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == RequestExtraSessions.EmailKind && m.ToAddress == supervisor.Email));
        Assert.Contains(reference, mail.BodyText);
        Assert.DoesNotContain("consolidate", mail.BodyText);
        var extension = await app.QueryDbAsync(db => db.SessionExtensions.SingleAsync(e => db.Referrals.Any(r => r.Id == e.ReferralId && r.Reference == reference)));

        var supervisorClient = await TriageData.SignInAsync(app, supervisor.Email!);
        var decision = await HtmlForm.GetAsync(supervisorClient, $"/cases/{reference}/sessions/extra/{extension.Id}");
        var missingReason = await decision.PostAsync(supervisorClient, new() { ["Input.Approve"] = "false" });
        Assert.Equal(["Enter the reason for declining"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(missingReason)));
        Assert.Equal(HttpStatusCode.Redirect, (await decision.PostAsync(supervisorClient, new() { ["Input.Approve"] = "true" })).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SessionExtensionDecided && a.EntityId == reference)));

        form = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/new");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, SessionsData.Form(new DateOnly(2026, 12, 1), "18:00"))).StatusCode);
        var extra = await app.QueryDbAsync(db => SessionsData.Of(db, reference).OrderBy(s => s.StartsAtUtc).LastAsync());
        Assert.True(extra.IsExtra);
        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/sessions"));
        Assert.Contains("7 of 8 sessions used", page.QuerySelector("[data-testid=sessions-used]")!.TextContent.Replace("\n", " ").Split().Where(w => w.Length > 0).Aggregate((a, b) => a + " " + b));
    }

    [Fact]
    public async Task A_therapist_cannot_be_double_booked_across_two_cases()
    {
        var (_, therapist, client) = await SessionsData.TherapistAsync(app);
        var first = await CaseData.InTherapyAsync(app, therapist);
        var second = await CaseData.InTherapyAsync(app, therapist);
        var form = await HtmlForm.GetAsync(client, $"/cases/{first}/sessions/new");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, SessionsData.Form(NextWeek, "18:00", minutes: 60))).StatusCode);

        var clash = await HtmlForm.GetAsync(client, $"/cases/{second}/sessions/new");
        var refused = await clash.PostAsync(client, SessionsData.Form(NextWeek, "18:30", minutes: 50));
        Assert.Equal(["A therapist already has a session at that time. Choose another time."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(refused)));
        Assert.Equal("18:30", HtmlForm.FromResponse(await HtmlForm.ParseAsync(refused), clash.Url).CurrentFields().Single(f => f.Key == "Input.StartTime").Value);

        // Straight after the first one ends is fine.
        Assert.Equal(HttpStatusCode.Redirect, (await clash.PostAsync(client, SessionsData.Form(NextWeek, "19:00", minutes: 50))).StatusCode);
    }

    [Fact]
    public async Task Two_bookings_of_the_same_therapist_at_the_same_moment_make_one_session_and_a_clear_refusal()
    {
        var (_, therapist, _) = await SessionsData.TherapistAsync(app);
        var first = await CaseData.InTherapyAsync(app, therapist);
        var second = await CaseData.InTherapyAsync(app, therapist);
        ScheduleSession.Command Booking(string reference) => new()
        {
            Reference = reference, SubmissionId = Guid.NewGuid(), Date = Application.Common.DateInput.From(NextWeek), StartTime = "20:00",
            Minutes = 50, Mode = SessionMode.Phone, TherapistIds = [therapist.Id], Clients = SessionClients.Both,
        };
        var results = await Task.WhenAll(new[] { first, second }.Select(reference => Task.Run(async () =>
        {
            try
            {
                await app.SendAsync(Booking(reference), therapist, [Roles.Therapist]);
                return null;
            }
            catch (RelationshipSupport.Domain.DomainException ex)
            {
                return ex.Message;
            }
        })));
        var refusal = Assert.Single(results, r => r is not null);
        Assert.True(refusal!.StartsWith("A therapist already has a session at that time", StringComparison.Ordinal)
            || refusal.StartsWith("Another session was booked for the same therapist at the same moment", StringComparison.Ordinal), refusal);
        Assert.Equal(1, await app.QueryDbAsync(db => db.TherapySessions.CountAsync(s => s.TherapistUserId == therapist.Id)));
    }

    [Fact]
    public async Task Another_therapists_case_answers_404_on_every_session_page_and_is_audited()
    {
        var (_, therapist, _) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (referral, now) => SessionsData.Schedule(referral, now, therapist, new DateTime(2026, 11, 20, 10, 0, 0)));
        var sessionId = await app.QueryDbAsync(db => SessionsData.Of(db, reference).Select(s => s.Id).SingleAsync());
        var (_, other, otherClient) = await SessionsData.TherapistAsync(app);

        string[] pages = ["sessions", "sessions/new", "sessions/extra", $"sessions/{sessionId}/attendance", $"sessions/{sessionId}/ics"];
        foreach (var page in pages)
        {
            var response = await otherClient.GetAsync($"/cases/{reference}/{page}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{page} answered {(int)response.StatusCode}");
        }
        var denied = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == other.Id));
        Assert.Equal(pages.Length, denied);
    }

    [Fact]
    public async Task Only_the_therapists_own_supervisor_decides_on_extra_sessions()
    {
        var (_, therapist, client) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var request = await HtmlForm.GetAsync(client, $"/cases/{reference}/sessions/extra");
        Assert.Equal(HttpStatusCode.Redirect, (await request.PostAsync(client, new() { ["Input.ExtraSessions"] = "1", ["Input.Reason"] = "One more" })).StatusCode);
        var id = await app.QueryDbAsync(db => db.SessionExtensions.Where(e => db.Referrals.Any(r => r.Id == e.ReferralId && r.Reference == reference)).Select(e => e.Id).SingleAsync());

        // The therapist sees the request but has no decision form.
        var own = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/sessions/extra/{id}"));
        Assert.Null(own.QuerySelector("main form[method=post]"));
        // Another team's supervisor: not found, audited.
        var (otherSupervisor, _, _) = await SessionsData.TherapistAsync(app);
        var outsider = await TriageData.SignInAsync(app, otherSupervisor.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/cases/{reference}/sessions/extra/{id}")).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == otherSupervisor.Id)));
    }

    [Fact]
    public async Task A_manager_sees_the_list_but_may_not_schedule()
    {
        var (_, therapist, _) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (referral, now) => SessionsData.Schedule(referral, now, therapist, new DateTime(2026, 11, 20, 10, 0, 0)));
        var manager = await app.SignedInClientAsync(Roles.Manager);

        var list = await manager.GetAsync($"/cases/{reference}/sessions");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var page = await HtmlForm.ParseAsync(list);
        Assert.Single(page.QuerySelectorAll("[data-testid=session-row]"));
        Assert.Null(page.QuerySelector("[data-testid=schedule]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/cases/{reference}/sessions/new")).StatusCode);

        // A post is refused too (the handler forbids it even with a valid form), and nothing is scheduled.
        var values = SessionsData.Form(NextWeek, "18:00");
        values["Input.SubmissionId"] = Guid.NewGuid().ToString();
        var posted = await manager.PostAsync($"/cases/{reference}/sessions/new", new FormUrlEncodedContent(values!));
        Assert.True(posted.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"answered {(int)posted.StatusCode}");
        Assert.Equal(1, await app.QueryDbAsync(db => SessionsData.Of(db, reference).CountAsync()));
    }
}
