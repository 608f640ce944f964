using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Application.Cases.Supervision;

/// <summary>
/// A case's supervision records, newest first: clinical content, so only at Clinical level (the case's therapists
/// read them, their supervisor also records them); anyone else is answered 404 and audited. Each view is audited.
/// </summary>
public static class GetSupervision
{
    public sealed record Query(string? Reference) : IRequest<Result>;

    public sealed record Record(int Id, DateOnly HeldOn, string SupervisorName, string Points, string? Actions, DateTime RecordedAtUtc);

    public sealed record Result(bool CanRecord, IReadOnlyList<Record> Records);

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, _) = await access.LoadAsync(request.Reference, CaseAccessLevel.Clinical, q => q.AsNoTracking(), cancellationToken);
            var records = await db.SupervisionRecords.AsNoTracking()
                .Where(s => s.ReferralId == referral.Id)
                .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
                .Select(s => new Record(s.Id, s.HeldOn, s.SupervisorName, s.Points, s.Actions, s.RecordedAtUtc))
                .ToListAsync(cancellationToken);
            audit.RecordRead(AuditActions.CaseSupervisionViewed, "Referral", referral.Reference, $"records={records.Count}");
            return new Result(referral.IsOpen && user.IsInRole(Roles.Supervisor), records);
        }
    }
}
