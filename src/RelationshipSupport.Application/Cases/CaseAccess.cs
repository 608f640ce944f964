using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases;

/// <summary>What a member of staff may see of a case.</summary>
public enum CaseAccessLevel
{
    None = 0,
    /// <summary>The case's state, sessions and attendance, and that notes exist: not their text, not risk details.</summary>
    Oversight = 1,
    /// <summary>Everything: assessments, risk, notes. The case's therapists and their supervisor.</summary>
    Clinical = 2,
}

/// <summary>
/// The one place that decides who may open a case (a referral that has been allocated) and how much they see.
/// <list type="bullet">
/// <item><b>Clinical</b>: the case's therapists (current ones, or those on it when it ended), and the supervisor
/// of any of them (<see cref="StaffUser.SupervisorUserId"/>); a therapist with no supervisor set is supervised by
/// every supervisor.</item>
/// <item><b>Oversight</b>: managers (every case), and coordinators and supervisors who see the referral in triage
/// (<see cref="ReferralVisibility"/>).</item>
/// </list>
/// Anyone else, or anyone asking for more than their level, is answered 404 and audited as
/// <c>referral.access-denied</c>, exactly as in triage.
/// </summary>
public sealed class CaseAccess(AppDbContext db, ICurrentUser user, ReferralVisibility visibility, AuditLog audit)
{
    /// <summary>The statuses in which a referral is a case (or was one).</summary>
    public static readonly ReferralStatus[] CaseStatuses =
        [ReferralStatus.Allocated, ReferralStatus.InTherapy, ReferralStatus.Ended, ReferralStatus.Withdrawn];

    /// <summary>
    /// The cases the user works clinically: as therapist, or as the supervisor of a therapist on the case. Open and
    /// ended alike; callers filter by status.
    /// </summary>
    public IQueryable<Referral> ClinicalCases()
    {
        var userId = user.UserId;
        if (userId is null) return db.Referrals.Where(_ => false);
        var isSupervisor = user.IsInRole(Roles.Supervisor);
        var isTherapist = user.IsInRole(Roles.Therapist);
        if (!isSupervisor && !isTherapist) return db.Referrals.Where(_ => false);
        return db.Referrals.Where(r => r.Allocations.Any(a =>
            (a.EndedAtUtc == null || a.EndedAtUtc == r.ClosedAtUtc)
            && ((isTherapist && a.TherapistUserId == userId)
                || (isSupervisor && db.Users.Any(u => u.Id == a.TherapistUserId && (u.SupervisorUserId == userId || u.SupervisorUserId == null))))));
    }

    /// <summary>The user's level for one case (by id).</summary>
    public async Task<CaseAccessLevel> LevelAsync(Referral referral, CancellationToken cancellationToken)
    {
        if (user.UserId is null || !CaseStatuses.Contains(referral.Status) && referral.AllocatedAtUtc is null)
        {
            return CaseAccessLevel.None;
        }
        var id = referral.Id;
        if (await ClinicalCases().AnyAsync(r => r.Id == id, cancellationToken))
        {
            return CaseAccessLevel.Clinical;
        }
        if (user.IsInRole(Roles.Manager))
        {
            return CaseAccessLevel.Oversight;
        }
        if ((user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Supervisor)) && (await visibility.ScopeAsync(cancellationToken)).CanSee(referral))
        {
            return CaseAccessLevel.Oversight;
        }
        return CaseAccessLevel.None;
    }

    /// <summary>
    /// Loads a case the user may see at <paramref name="required"/> level or above, by its reference as typed, or
    /// audits the refusal and throws <see cref="NotFoundException"/>. <paramref name="shape"/> adds includes
    /// (tracking is the caller's choice).
    /// </summary>
    public async Task<(Referral Case, CaseAccessLevel Level)> LoadAsync(
        string? typedReference, CaseAccessLevel required, Func<IQueryable<Referral>, IQueryable<Referral>> shape, CancellationToken cancellationToken)
    {
        var reference = ReferenceGenerator.Normalise(typedReference);
        Referral? referral = null;
        if (reference is not null)
        {
            referral = await shape(db.Referrals).SingleOrDefaultAsync(r => r.Reference == reference, cancellationToken);
        }
        var level = referral is null ? CaseAccessLevel.None : await LevelAsync(referral, cancellationToken);
        if (referral is null || level < required)
        {
            await AccessDenied.RecordAsync(db, audit, reference, typedReference, cancellationToken);
            throw new NotFoundException("Case", reference ?? "(not a reference)");
        }
        return (referral, level);
    }
}
