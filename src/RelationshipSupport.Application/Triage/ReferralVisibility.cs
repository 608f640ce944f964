using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The one place that decides which referrals (and programmes) a member of staff may see in triage. Every query
/// that loads a referral for a person goes through <see cref="VisibilityScope.Apply(IQueryable{Referral})"/>;
/// a referral outside it answers 404 and is audited as <c>referral.access-denied</c>.
/// </summary>
/// <remarks>
/// Coordinators see the programmes and hubs they are assigned to (an administrator sets these). Supervisors, who
/// decide overrides, priorities and panel cases, see every programme. Nobody else sees referrals through triage.
/// The assignments are read once per request (a handful of rows) and applied as IN lists, so the queue's
/// indexes still serve its queries.
/// </remarks>
public sealed class ReferralVisibility(AppDbContext db, ICurrentUser user)
{
    private VisibilityScope? scope;

    public async Task<VisibilityScope> ScopeAsync(CancellationToken cancellationToken)
    {
        if (scope is not null) return scope;
        if (user.UserId is null)
        {
            return scope = VisibilityScope.Nothing;
        }
        if (user.IsInRole(Roles.Supervisor))
        {
            return scope = VisibilityScope.Everything;
        }
        if (!user.IsInRole(Roles.Coordinator))
        {
            return scope = VisibilityScope.Nothing;
        }
        var assignments = await db.StaffAssignments.AsNoTracking()
            .Where(a => a.UserId == user.UserId)
            .Select(a => new { a.ProgrammeId, a.HubId })
            .ToListAsync(cancellationToken);
        var programmeIds = assignments.Where(a => a.HubId is null).Select(a => a.ProgrammeId).Distinct().ToArray();
        if (programmeIds.Length > 0)
        {
            // An intake coordinator of every programme needs no filter at all, and the queries need not test one.
            var all = await db.Programmes.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken);
            if (all.All(programmeIds.Contains))
            {
                return scope = VisibilityScope.Everything;
            }
        }
        return scope = new VisibilityScope(
            false,
            programmeIds,
            assignments.Where(a => a.HubId is not null).Select(a => a.HubId!.Value).Distinct().ToArray());
    }
}

/// <summary>What one member of staff may see: everything, or whole programmes and single hubs.</summary>
public sealed record VisibilityScope(bool All, int[] ProgrammeIds, int[] HubIds)
{
    public static readonly VisibilityScope Everything = new(true, [], []);
    public static readonly VisibilityScope Nothing = new(false, [], []);

    public bool IsEmpty => !All && ProgrammeIds.Length == 0 && HubIds.Length == 0;

    public IQueryable<Referral> Apply(IQueryable<Referral> referrals)
    {
        if (All) return referrals;
        if (IsEmpty) return referrals.Where(_ => false);
        var programmeIds = ProgrammeIds;
        var hubIds = HubIds;
        if (hubIds.Length == 0) return referrals.Where(r => programmeIds.Contains(r.ProgrammeId));
        if (programmeIds.Length == 0) return referrals.Where(r => r.HubId != null && hubIds.Contains(r.HubId.Value));
        return referrals.Where(r => programmeIds.Contains(r.ProgrammeId) || (r.HubId != null && hubIds.Contains(r.HubId.Value)));
    }

    /// <summary>The programmes with at least one visible referral source: the choices of the filters.</summary>
    public IQueryable<Programme> Apply(IQueryable<Programme> programmes)
    {
        if (All) return programmes;
        if (IsEmpty) return programmes.Where(_ => false);
        var programmeIds = ProgrammeIds;
        var hubIds = HubIds;
        return programmes.Where(p => programmeIds.Contains(p.Id) || p.Hubs.Any(h => hubIds.Contains(h.Id)));
    }

    public bool CanSee(Referral referral) =>
        All || ProgrammeIds.Contains(referral.ProgrammeId) || (referral.HubId is { } hub && HubIds.Contains(hub));
}

/// <summary>The filter rule of the lists: empty (every programme), or the code of a programme the user may see.</summary>
internal static class VisibleProgrammeRule
{
    public static IRuleBuilderOptions<T, string?> VisibleProgrammeCode<T>(this IRuleBuilder<T, string?> rule, AppDbContext db, ReferralVisibility visibility) =>
        rule.MaximumLength(40).WithMessage("Select a programme from the list")
            .MustAsync(async (code, ct) => string.IsNullOrEmpty(code) || await (await visibility.ScopeAsync(ct)).Apply(db.Programmes).AnyAsync(p => p.Code == code, ct))
            .WithMessage("Select a programme from the list");
}

/// <summary>Writes the audit entry for a referral that does not exist or that the user may not see, then saves.</summary>
internal static class AccessDenied
{
    public static async Task RecordAsync(AppDbContext db, AuditLog audit, string? reference, string? asTyped, CancellationToken ct)
    {
        // Whether it exists is for the audit trail only: the user is told "not found" either way.
        var exists = reference is not null && await db.Referrals.AnyAsync(r => r.Reference == reference, ct);
        var entityId = reference ?? Truncate(asTyped);
        audit.RecordRead(AuditActions.ReferralAccessDenied, "Referral", entityId,
            exists ? "not visible to this user" : reference is null ? "not a reference" : "no such referral");
    }

    /// <summary>
    /// Loads a referral the user may see, by its reference as typed, or audits the refusal and throws
    /// <see cref="NotFoundException"/>. <paramref name="shape"/> adds includes (tracking is the caller's choice).
    /// </summary>
    public static async Task<Referral> LoadVisibleAsync(
        AppDbContext db, ReferralVisibility visibility, AuditLog audit, string? typedReference,
        Func<IQueryable<Referral>, IQueryable<Referral>> shape, CancellationToken ct)
    {
        var reference = ReferenceGenerator.Normalise(typedReference);
        Referral? referral = null;
        if (reference is not null)
        {
            var scope = await visibility.ScopeAsync(ct);
            referral = await shape(scope.Apply(db.Referrals)).SingleOrDefaultAsync(r => r.Reference == reference, ct);
        }
        if (referral is null)
        {
            await RecordAsync(db, audit, reference, typedReference, ct);
            throw new NotFoundException("Referral", reference ?? "(not a reference)");
        }
        return referral;
    }

    private static string? Truncate(string? s) => s is null ? null : s.Length <= 40 ? s : s[..40];
}
