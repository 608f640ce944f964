using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Outcomes.Case;

/// <summary>
/// What the clinician's questionnaire use cases share: who may work them (the case's therapists, current or those on
/// it when it ended: supervisors read, they do not ask, send, cancel or enter), loading one of the case's requests,
/// and when a link may still be sent.
/// </summary>
public static class CaseQuestionnaires
{
    /// <summary>Whether the user is one of the case's therapists (<see cref="Referral.WasWorkedBy"/>); load allocations first.</summary>
    public static bool MayWork(Referral referral, ICurrentUser user) =>
        user.UserId is { } me && referral.WasWorkedBy(me);

    public static void EnsureTherapist(Referral referral, ICurrentUser user, string what)
    {
        if (!MayWork(referral, user))
        {
            throw new DomainException($"Only the case's therapists can {what}.");
        }
    }

    /// <summary>
    /// Whether questionnaires can be asked for or sent now: while the case is open; after it has ended, only those for
    /// the end of the sessions and follow-up (the same rule as <see cref="RequestQuestionnaires"/>).
    /// </summary>
    public static bool MayAskFor(Referral referral, Timepoint timepoint) =>
        referral.IsCase || referral.Status == ReferralStatus.Ended && timepoint is Timepoint.End or Timepoint.FollowUp;

    /// <summary>One of this case's requests with its instruments and answers (tracked), or 404.</summary>
    public static async Task<QuestionnaireRequest> LoadRequestAsync(AppDbContext db, Referral referral, int requestId, CancellationToken ct) =>
        await db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Instrument)
            .Include(q => q.Responses).ThenInclude(r => r.Answers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(q => q.Id == requestId && q.ReferralId == referral.Id, ct)
        ?? throw new NotFoundException("Questionnaire request", requestId);
}
