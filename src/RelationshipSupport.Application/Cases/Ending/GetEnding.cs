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
/// Each view is audited.
/// </summary>
public static class GetEnding
{
    public sealed record Query(string? Reference) : IRequest<Details>;

    public sealed record Recorded(
        EndingKind? Kind, EndingReason? Reason, string? Note, DateTime? EndedAtUtc, string? EndedBy,
        IReadOnlyList<string> Signposting, DateTime? ReferrerSummarySentAtUtc);

    public sealed record Details(
        bool CanEnd,
        bool IsEndable,
        Guid ConcurrencyStamp,
        IReadOnlyList<GetSignposting.Entry> Directory,
        int EmailableClients,
        bool MayTellReferrer,
        EndingEmails.Attendance Attendance,
        Recorded? Ending);

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, ICurrentUser user, IMediator mediator) : IRequestHandler<Query, Details>
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

            audit.RecordRead(AuditActions.CaseEndingViewed, "Referral", referral.Reference, $"access={level}");
            return new Details(
                canEnd,
                referral.IsCase,
                referral.ConcurrencyStamp,
                canEnd ? await mediator.Send(new GetSignposting.Query(), cancellationToken) : [],
                EndingEmails.EmailableClients(referral).Count(),
                EndingEmails.MayTellReferrer(referral),
                EndingEmails.CountAttendance(referral),
                recorded);
        }
    }
}
