using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>
/// The allocation page: the referral (when the client is available) and every active therapist, those with free
/// places and matching availability first, those at capacity last. Audited as <c>referral.viewed</c>.
/// </summary>
public static class GetAllocationOptions
{
    public sealed class Query(string? reference) : IRequest<Result>
    {
        public string? Reference { get; } = reference;
    }

    public sealed record Result(GetCaseSummary.Summary Referral, IReadOnlyList<TherapistOption> Therapists);

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var summary = await CaseSummaries.LoadAsync(db, visibility, audit, user, clock, request.Reference, cancellationToken);
            var therapists = await TherapistCapacity.LoadAsync(db, summary.Availability, null, cancellationToken);
            audit.RecordRead(AuditActions.ReferralViewed, "Referral", summary.Reference, "page=allocate");
            return new Result(summary, therapists);
        }
    }
}
