using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The one place that decides which referrals (and programmes) a member of staff may see. Every query
/// that loads a referral for a person goes through <see cref="VisibleTo(IQueryable{Referral}, ICurrentUser)"/>;
/// a referral outside it answers 404 and is audited as <c>referral.access-denied</c>.
/// </summary>
/// <remarks>
/// For now every coordinator sees every programme, and nobody else sees referrals through these features.
/// Per-programme coordinator assignment (and therapists' own cases) tighten or widen this rule here, once.
/// </remarks>
public static class ReferralVisibility
{
    public static IQueryable<Referral> VisibleTo(this IQueryable<Referral> referrals, ICurrentUser user) =>
        IsCoordinator(user) ? referrals : referrals.Where(_ => false);

    /// <summary>The programmes whose referrals <paramref name="user"/> may see: the choices of the queue's filter.</summary>
    public static IQueryable<Programme> VisibleTo(this IQueryable<Programme> programmes, ICurrentUser user) =>
        IsCoordinator(user) ? programmes : programmes.Where(_ => false);

    private static bool IsCoordinator(ICurrentUser user) => user.UserId is not null && user.IsInRole(Roles.Coordinator);
}

/// <summary>Writes the audit entry for a referral that does not exist or that the user may not see, then saves.</summary>
internal static class AccessDenied
{
    public static async Task RecordAsync(AppDbContext db, AuditLog audit, string? reference, string? asTyped, CancellationToken ct)
    {
        // Whether it exists is for the audit trail only: the user is told "not found" either way.
        var exists = reference is not null && await db.Referrals.AnyAsync(r => r.Reference == reference, ct);
        var entityId = reference ?? Truncate(asTyped);
        audit.Record(AuditActions.ReferralAccessDenied, "Referral", entityId,
            exists ? "not visible to this user" : reference is null ? "not a reference" : "no such referral");
        await db.SaveChangesAsync(ct);
    }

    private static string? Truncate(string? s) => s is null ? null : s.Length <= 40 ? s : s[..40];
}
