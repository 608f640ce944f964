using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>Screenings referred to a supervisor and not yet decided, that the user may see, longest waiting first.</summary>
public static class GetSupervisorReviews
{
    public sealed class Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(string Reference, string PrimaryName, string ProgrammeName, DateTime ReferredAtUtc, string ReferredBy, bool RiskFlag);

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken cancellationToken)
        {
            var scope = await visibility.ScopeAsync(cancellationToken);
            var rows = await scope.Apply(db.Referrals.AsNoTracking())
                .Where(r => r.AwaitingSupervisor && r.Status == ReferralStatus.Screening)
                .Select(r => new
                {
                    r.Reference,
                    Primary = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                    Programme = r.Programme!.Name,
                    Last = r.Screenings.OrderByDescending(s => s.AtUtc).Select(s => new { s.AtUtc, s.ByName }).FirstOrDefault(),
                    r.ReceivedAtUtc,
                    r.RiskFlag,
                })
                .ToListAsync(cancellationToken);
            audit.RecordRead(AuditActions.TriageQueueViewed, "Referral", null, $"list=supervisor-review; rows={rows.Count}");
            return rows
                .Select(r => new Row(r.Reference, r.Primary ?? "", r.Programme, r.Last?.AtUtc ?? r.ReceivedAtUtc, r.Last?.ByName ?? "", r.RiskFlag))
                .OrderBy(r => r.ReferredAtUtc).ThenBy(r => r.Reference, StringComparer.Ordinal)
                .ToList();
        }
    }
}
