using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases;

/// <summary>
/// What every case page shows above its content (and what it needs to decide what to offer): the people, the
/// programme and its session range, the therapists, the status, sessions used, and the user's access level.
/// Loaded through <see cref="CaseAccess"/> (404 and audited when the user may not see the case at
/// <see cref="Query.Required"/> level); each view is audited as <c>case.viewed</c> with the page's name.
/// </summary>
public static class GetCaseHeader
{
    public sealed class Query(string? reference, string page, CaseAccessLevel required = CaseAccessLevel.Oversight) : IRequest<Header>
    {
        public string? Reference { get; } = reference;
        /// <summary>Which page asks (recorded in the audit detail): "overview", "sessions", "notes" …</summary>
        public string Page { get; } = page;
        public CaseAccessLevel Required { get; } = required;
    }

    public sealed record Therapist(string UserId, string Name, AllocationRole Role);

    public sealed record Header(
        string Reference,
        string Names,
        ClientType ClientType,
        string ProgrammeCode,
        string ProgrammeName,
        int MinSessions,
        int MaxSessions,
        int MaxSessionMinutes,
        int SessionAllowance,
        int SessionsUsed,
        ReferralStatus Status,
        bool RiskFlag,
        IReadOnlyList<Therapist> Therapists,
        CaseAccessLevel Access,
        bool UserIsTherapistOnCase,
        bool UserIsSupervisor,
        Guid ConcurrencyStamp)
    {
        public bool IsOpen => ReferralWorkflow.IsOpen(Status);
        /// <summary>"Imported from FILE on DATE" for a case brought in from past records; null otherwise.</summary>
        public string? ImportedFrom { get; init; }
        public bool IsClinical => Access == CaseAccessLevel.Clinical;
    }

    internal sealed class Handler(AppDbContext db, CaseAccess access, AuditLog audit, Common.ICurrentUser user) : IRequestHandler<Query, Header>
    {
        public async Task<Header> Handle(Query request, CancellationToken cancellationToken)
        {
            var (referral, level) = await access.LoadAsync(request.Reference, request.Required, q => q.AsNoTracking()
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.SessionExtensions), cancellationToken);
            var header = await BuildAsync(db, referral, level, user, cancellationToken);
            audit.RecordRead(AuditActions.CaseViewed, "Referral", referral.Reference, $"page={request.Page}; access={level}");
            return header;
        }
    }

    /// <summary>The header of a case already loaded with its programme, people, allocations, sessions and extensions.</summary>
    internal static async Task<Header> BuildAsync(AppDbContext db, Referral referral, CaseAccessLevel level, Common.ICurrentUser user, CancellationToken cancellationToken)
    {
        var allocations = referral.CaseTherapists
            .OrderBy(a => a.Role).ThenBy(a => a.AllocatedAtUtc)
            .ToList();
        var ids = allocations.Select(a => a.TherapistUserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var programme = referral.Programme!;
        var people = referral.People.OrderBy(p => p.Role).Select(p => $"{p.FirstName} {p.LastName}".Trim());
        return new Header(
            referral.Reference,
            string.Join(" and ", people),
            referral.ClientType,
            programme.Code,
            programme.Name,
            programme.MinSessions,
            programme.MaxSessions,
            programme.MaxSessionMinutes,
            referral.SessionAllowance(programme),
            referral.SessionsUsed,
            referral.Status,
            referral.RiskFlag,
            allocations.Select(a => new Therapist(a.TherapistUserId, names.GetValueOrDefault(a.TherapistUserId, "(unknown)"), a.Role)).ToList(),
            level,
            user.UserId is { } me && referral.IsAllocatedTo(me),
            user.IsInRole(Identity.Roles.Supervisor),
            referral.ConcurrencyStamp)
        {
            ImportedFrom = referral.ImportBatchId is not { } batchId ? null : await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId)
                .Select(b => new { b.FileName, b.ImportedAtUtc }).SingleOrDefaultAsync(cancellationToken) is { } batch
                    ? $"Imported from {batch.FileName} on {UkTime.DateOf(batch.ImportedAtUtc).ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}"
                    : null,
        };
    }
}
