using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Triage.Waiting;

namespace RelationshipSupport.Application.Triage.Closure;

/// <summary>
/// The closure-for-no-response page: whether it is offered (the programme's number of unanswered attempts in a row
/// reached), the letter filled in, and whether it will also be emailed. Audited as <c>referral.viewed</c>.
/// </summary>
public static class GetNoResponseClosure
{
    public sealed class Query(string? reference) : IRequest<Result>
    {
        public string? Reference { get; } = reference;
    }

    public sealed record Result(GetCaseSummary.Summary Referral, NoResponseLetter.Letter Letter, bool WillEmail);

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, request.Reference,
                q => q.AsNoTracking().Include(r => r.Programme).Include(r => r.People).Include(r => r.ContactAttempts), cancellationToken);
            var summary = CaseSummaries.From(referral, user, clock);
            audit.RecordRead(AuditActions.ReferralViewed, "Referral", referral.Reference, "page=close-no-response");
            return new Result(summary, NoResponseLetter.For(summary.PrimaryFirstName, referral.Reference, referral.Programme!),
                NoResponseLetter.SafeEmailAddress(referral) is not null);
        }
    }
}
