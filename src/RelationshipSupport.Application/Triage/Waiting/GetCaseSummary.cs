using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>
/// The few facts about one referral that the waiting, allocation and closure pages show above their forms (and the
/// version the form carries). Loaded through the visibility filter: a referral the user may not see answers
/// <see cref="NotFoundException"/> and is audited. Each view is audited as <c>referral.viewed</c> with the page.
/// </summary>
public static class GetCaseSummary
{
    public sealed class Query(string? reference, string page) : IRequest<Summary>
    {
        public string? Reference { get; } = reference;

        /// <summary>Which page asks (recorded in the audit detail): "priority", "withdraw"...</summary>
        public string Page { get; } = page;
    }

    public sealed record Summary(
        string Reference,
        string PrimaryFirstName,
        string Names,
        string ProgrammeCode,
        string ProgrammeName,
        ClientType ClientType,
        ReferralStatus Status,
        bool IsOpen,
        Guid ConcurrencyStamp,
        DateTime ReceivedAtUtc,
        DateTime? WaitingSinceUtc,
        int? DaysWaiting,
        bool IsPriority,
        string? PriorityReason,
        Availability Availability,
        string? AvailabilityNotes,
        SessionFormat Format,
        bool RiskFlag,
        int UnansweredAttemptsInARow,
        int AttemptsBeforeClosure,
        bool IsOfferedForClosure,
        bool UserIsSupervisor);

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, ICurrentUser user, TimeProvider clock)
        : IRequestHandler<Query, Summary>
    {
        public async Task<Summary> Handle(Query request, CancellationToken cancellationToken)
        {
            var summary = await CaseSummaries.LoadAsync(db, visibility, audit, user, clock, request.Reference, cancellationToken);
            audit.RecordRead(AuditActions.ReferralViewed, "Referral", summary.Reference, $"page={request.Page}");
            return summary;
        }
    }
}

/// <summary>Builds <see cref="GetCaseSummary.Summary"/> for the use cases of this folder (no audit entry of its own).</summary>
internal static class CaseSummaries
{
    public static async Task<GetCaseSummary.Summary> LoadAsync(
        AppDbContext db, ReferralVisibility visibility, AuditLog audit, ICurrentUser user, TimeProvider clock,
        string? reference, CancellationToken ct)
    {
        var referral = await AccessDenied.LoadVisibleAsync(db, visibility, audit, reference,
            q => q.AsNoTracking().Include(r => r.Programme).Include(r => r.People).Include(r => r.ContactAttempts), ct);
        return From(referral, user, clock);
    }

    public static GetCaseSummary.Summary From(Referral referral, ICurrentUser user, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var primary = referral.People.Single(p => p.Role == PersonRole.Primary);
        var partner = referral.People.SingleOrDefault(p => p.Role == PersonRole.Partner);
        var programme = referral.Programme!;
        return new GetCaseSummary.Summary(
            referral.Reference,
            primary.FirstName,
            partner is null ? primary.FullName : $"{primary.FullName} and {partner.FullName}",
            programme.Code,
            programme.Name,
            referral.ClientType,
            referral.Status,
            referral.IsOpen,
            referral.ConcurrencyStamp,
            referral.ReceivedAtUtc,
            referral.WaitingSinceUtc,
            referral.WaitingSinceUtc is { } since ? UkTime.DaysBetween(since, now) : null,
            referral.IsPriority,
            referral.PriorityReason,
            referral.Availability,
            referral.AvailabilityNotes,
            referral.Format,
            referral.RiskFlag,
            referral.UnansweredAttemptsInARow(),
            Math.Max(1, programme.UnansweredAttemptsBeforeClosure),
            referral.IsOfferedForClosure(programme),
            user.IsInRole(Roles.Supervisor));
    }
}
