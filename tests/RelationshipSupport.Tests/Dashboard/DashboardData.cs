using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Dashboard;

/// <summary>Records for the dashboard and export tests: sessions with an outcome, questionnaires completed with set answers.</summary>
public static class DashboardData
{
    /// <summary>Adds a session that already happened (or was cancelled) straight to the case's records.</summary>
    public static Task SessionAsync(TestApp app, string reference, StaffUser therapist, DateTime startsAtUtc, AttendanceOutcome? outcome) =>
        CaseData.WithCaseAsync(app, reference, (referral, now) => referral.Sessions.Add(new TherapySession
        {
            StartsAtUtc = startsAtUtc,
            Minutes = 50,
            Mode = SessionMode.Video,
            TherapistUserId = therapist.Id,
            ClientsExpected = SessionClients.Both,
            Attendance = outcome,
            ClientsAttended = outcome is AttendanceOutcome.Attended or AttendanceOutcome.Late ? SessionClients.Both : null,
            AttendanceRecordedAtUtc = outcome is null ? null : now,
            AttendanceRecordedByUserId = outcome is null ? null : therapist.Id,
            CreatedAtUtc = now,
            CreatedByUserId = therapist.Id,
        }));

    /// <summary>Enters one client's open questionnaires at a timepoint: every CORE-10 item <paramref name="core10"/>, every CSI-4 item <paramref name="csi4"/>, others 0.</summary>
    public static async Task CompleteAsync(TestApp app, string reference, PersonRole role, Timepoint timepoint, int core10, int csi4)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Instrument)
            .Include(q => q.Responses).ThenInclude(r => r.Answers)
            .SingleAsync(q => q.Timepoint == timepoint && q.Status != QuestionnaireStatus.Completed
                && db.ReferralPeople.Any(p => p.Id == q.PersonId && p.Role == role && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference)));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        foreach (var response in request.Responses)
        {
            var value = response.InstrumentCode switch
            {
                BuiltInInstruments.Core10 => core10,
                BuiltInInstruments.Csi4 => csi4,
                BuiltInInstruments.NetPromoter => 8,
                _ => 0,
            };
            request.SaveAnswers(response, response.Definition.Items.ToDictionary(i => i.Number, _ => value), now);
        }
        request.Complete(CompletionMode.EnteredByTherapist, new Actor("t", "Therapist"), now);
        await db.SaveChangesAsync();
    }

    public static Task<int> PersonIdAsync(TestApp app, string reference, PersonRole role) => app.QueryDbAsync(db =>
        db.ReferralPeople.Where(p => p.Role == role && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference))
            .Select(p => p.Id).SingleAsync());
}
