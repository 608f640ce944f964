using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Reminders;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Cases;

/// <summary>An app whose reminder worker is not started by the host: the tests run its rounds themselves.</summary>
public sealed class ReminderApp : IDisposable
{
    public TestApp App { get; } = TestApp.With(new() { ["Reminders:Enabled"] = "false" });

    public void Dispose() => App.Dispose();
}

/// <summary>The day-before reminders: one per consenting client per session, none where domestic abuse may be present, never twice.</summary>
public sealed class ReminderTests(ReminderApp fixture) : IClassFixture<ReminderApp>
{
    private readonly TestApp app = fixture.App;

    [Fact]
    public async Task A_round_queues_one_reminder_per_consenting_client_for_tomorrows_sessions_and_a_second_round_queues_nothing()
    {
        var (_, therapist, _) = await SessionsData.TherapistAsync(app);
        var consenting = await CaseData.InTherapyAsync(app, therapist);
        await SessionsData.ConsentToEmailAsync(app, consenting);
        var unsure = await CaseData.InTherapyAsync(app, therapist);
        await SessionsData.ConsentToEmailAsync(app, unsure);
        await CaseData.WithCaseAsync(app, unsure, (r, _) => r.DomesticAbuse = ScreeningAnswer.NotSure);
        var phone = await CaseData.InTherapyAsync(app, therapist); // clients prefer phone

        // Clock: Monday 2 November 2026, 10:00. Tomorrow's sessions, one the day after, and a cancelled one tomorrow.
        var tomorrow = new DateTime(2026, 11, 3, 18, 0, 0);
        await CaseData.WithCaseAsync(app, consenting, (r, now) =>
        {
            SessionsData.Schedule(r, now, therapist, tomorrow);
            SessionsData.Schedule(r, now, therapist, tomorrow.AddDays(1));
            var cancelled = SessionsData.Schedule(r, now, therapist, tomorrow.AddHours(-8));
            r.RecordAttendance(cancelled, AttendanceOutcome.CancelledByClient, null, null, new Actor(therapist.Id, therapist.DisplayName), now);
        });
        await CaseData.WithCaseAsync(app, unsure, (r, now) => SessionsData.Schedule(r, now, therapist, tomorrow.AddHours(2)));
        await CaseData.WithCaseAsync(app, phone, (r, now) => SessionsData.Schedule(r, now, therapist, tomorrow.AddHours(-2)));

        var worker = app.Services.GetRequiredService<SessionReminderWorker>();
        var queued = await worker.RunRoundAsync(CancellationToken.None);

        var emails = await app.QueryDbAsync(db => db.ReferralPeople.Where(p => db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == consenting)).Select(p => p.Email!).ToListAsync());
        var reminders = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Kind == SessionEmails.ReminderKind).ToListAsync());
        Assert.Equal(2, queued);
        Assert.Equal(emails.Order(), reminders.Select(m => m.ToAddress).Order());
        Assert.All(reminders, m => Assert.Contains("18:00", m.BodyText));
        var marked = await app.QueryDbAsync(db => db.TherapySessions.Where(s => s.ReminderSentAtUtc != null).CountAsync());
        Assert.Equal(3, marked); // tomorrow's sessions that are not cancelled, emailed or not

        Assert.Equal(0, await worker.RunRoundAsync(CancellationToken.None));
        Assert.Equal(2, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == SessionEmails.ReminderKind)));
    }
}
