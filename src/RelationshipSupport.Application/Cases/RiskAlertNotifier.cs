using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases;

/// <summary>
/// Raises a risk alert on a case and tells the supervisor at once: the alert shows on their caseload until they
/// acknowledge it, and an email (through the outbox, in the caller's unit of work) says that there is one and
/// where, with no clinical detail: no names, no area, no level, no notes. The therapist's supervisor is told; when
/// the therapist has none, every active supervisor is. The caller saves and then calls <c>IOutboxSignal.Notify</c>.
/// </summary>
public sealed class RiskAlertNotifier(AppDbContext db, Outbox outbox, AuditLog audit, IOptions<AppOptions> app)
{
    public const string EmailKind = "risk-alert";

    public async Task<RiskAlert> RaiseAsync(
        Referral referral, RiskAlertSource source, int? sourceId, RiskArea area, RiskLevel level, string? notes,
        Actor by, DateTime nowUtc, CancellationToken cancellationToken, bool alsoTellTherapists = false)
    {
        // The case's therapists: current ones, or those on it when it ended (a client may answer end questionnaires later).
        var therapistId = referral.CaseTherapists.OrderBy(a => a.Role).Select(a => a.TherapistUserId).FirstOrDefault() ?? by.UserId;
        var supervisorId = await db.Users.Where(u => u.Id == therapistId).Select(u => u.SupervisorUserId).SingleOrDefaultAsync(cancellationToken);
        var alert = referral.RaiseRisk(source, sourceId, area, level, notes, supervisorId, by, nowUtc);

        var recipients = (await Supervisors.ToTellAsync(db, therapistId, cancellationToken)).ToList();
        if (alsoTellTherapists)
        {
            // A risk the client reported themselves (a questionnaire): the therapists learn of it at the same moment.
            var therapistIds = referral.CaseTherapists.Select(a => a.TherapistUserId).ToList();
            var therapists = await db.Users.Where(u => therapistIds.Contains(u.Id) && u.IsActive && u.Email != null)
                .Select(u => new Supervisors.Recipient(u.Email!, u.DisplayName)).ToListAsync(cancellationToken);
            recipients.AddRange(therapists.Where(t => recipients.All(r => r.Email != t.Email)));
        }
        foreach (var recipient in recipients)
        {
            outbox.Enqueue(EmailKind, recipient.Email, alsoTellTherapists ? "Risk alert on a case" : "Risk alert on a case you supervise",
                $"Dear {recipient.DisplayName},\n\n"
                + $"A high risk has been recorded on case {referral.Reference} by {by.Name}. Please review it in the service's system as soon as you can:\n\n"
                + $"{app.Value.Link($"/cases/{referral.Reference}")}\n\n"
                + "For confidentiality this email contains no clinical details.\n");
        }
        audit.Record(AuditActions.RiskAlertRaised, "Referral", referral.Reference,
            $"source={source}; area={area}; level={level}; emailed={recipients.Count}");
        return alert;
    }
}
