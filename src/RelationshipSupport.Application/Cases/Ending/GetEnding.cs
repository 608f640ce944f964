using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Signposting;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Ending;

/// <summary>
/// The ending tab: for an open case, what the form needs (who may end it, the directory, who would be emailed); for
/// an ended case, what was recorded. Managers and coordinators (Oversight) see the recorded ending without its note.
/// For each client, whether the end-of-sessions questionnaires were asked for and completed (the state only, never
/// answers or scores). Each view is audited.
/// </summary>
public static class GetEnding
{
    public sealed record Query(string? Reference) : IRequest<Details>;

    public sealed record Recorded(
        EndingKind? Kind, EndingReason? Reason, string? Note, DateTime? EndedAtUtc, string? EndedBy,
        IReadOnlyList<string> Signposting, DateTime? ReferrerSummarySentAtUtc);

    /// <summary>A client's end-of-sessions questionnaires: the latest request that was not cancelled (or the latest cancelled one), or none.</summary>
    public sealed record EndQuestionnaire(
        int PersonId, string Name, Domain.Outcomes.QuestionnaireStatus? Status, DateTime? AskedAtUtc, DateTime? DueAtUtc, bool Overdue,
        DateTime? CompletedAtUtc, Domain.Outcomes.CompletionMode? Mode);

    public sealed record Details(
        bool CanEnd,
        bool IsEndable,
        Guid ConcurrencyStamp,
        IReadOnlyList<GetSignposting.Entry> Directory,
        int EmailableClients,
        bool MayTellReferrer,
        EndingEmails.Attendance Attendance,
        Recorded? Ending,
        bool GivesEndQuestionnaires = false,
        IReadOnlyList<EndQuestionnaire>? EndQuestionnaires = null);

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, ICurrentUser user, IMediator mediator, TimeProvider clock) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, CaseAccessLevel.Oversight, q => q.AsNoTracking()
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.StatusChanges)
                .Include(r => r.Signposting)
                .AsSplitQuery(), cancellationToken);
            var clinical = level == CaseAccessLevel.Clinical;
            var me = user.UserId ?? "";
            var canEnd = clinical && referral.IsCase && (referral.IsAllocatedTo(me) || user.IsInRole(Roles.Supervisor));

            Recorded? recorded = null;
            if (referral.Status == ReferralStatus.Ended)
            {
                var ids = referral.Signposting.Where(s => s.Stage == SignpostingStage.Ending).Select(s => s.SignpostingEntryId).ToList();
                var names = await db.SignpostingEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Name)
                    .Select(e => e.Name).ToListAsync(cancellationToken);
                var change = referral.StatusChanges.Where(c => c.To == ReferralStatus.Ended).OrderByDescending(c => c.AtUtc).FirstOrDefault();
                recorded = new Recorded(referral.EndingKind, referral.EndingReason, clinical ? referral.EndingNote : null,
                    change?.AtUtc ?? referral.ClosedAtUtc, change?.ByName, names, referral.ReferrerSummarySentAtUtc);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var givesEnd = await db.ProgrammeInstruments.AnyAsync(p => p.ProgrammeId == referral.ProgrammeId && p.Timepoint == Domain.Outcomes.Timepoint.End, cancellationToken);
            var endRequests = await db.QuestionnaireRequests.AsNoTracking()
                .Where(q => q.ReferralId == referral.Id && q.Timepoint == Domain.Outcomes.Timepoint.End)
                .ToListAsync(cancellationToken);
            var endQuestionnaires = referral.People.OrderBy(p => p.Role).Select(person =>
            {
                var latest = endRequests.Where(q => q.PersonId == person.Id)
                    .OrderBy(q => q.Status == Domain.Outcomes.QuestionnaireStatus.Cancelled)
                    .ThenByDescending(q => q.CreatedAtUtc).ThenByDescending(q => q.Id)
                    .FirstOrDefault();
                return new EndQuestionnaire(person.Id, person.FullName.Trim(), latest?.Status, latest?.CreatedAtUtc, latest?.DueAtUtc,
                    latest?.IsOverdue(now) == true, latest?.CompletedAtUtc, latest?.Mode);
            }).ToList();

            audit.RecordRead(AuditActions.CaseEndingViewed, "Referral", referral.Reference, $"access={level}");
            return new Details(
                canEnd,
                referral.IsCase,
                referral.ConcurrencyStamp,
                canEnd ? await mediator.Send(new GetSignposting.Query(), cancellationToken) : [],
                EndingEmails.EmailableClients(referral).Count(),
                EndingEmails.MayTellReferrer(referral),
                EndingEmails.CountAttendance(referral),
                recorded,
                givesEnd,
                endQuestionnaires);
        }
    }
}
