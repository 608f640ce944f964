using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>Panel meetings through the same visibility as referrals: a meeting of a programme the user cannot see answers 404 and is audited.</summary>
internal static class PanelAccess
{
    public static async Task<PanelMeeting> LoadVisibleAsync(AppDbContext db, ReferralVisibility visibility, AuditLog audit, int id,
        Func<IQueryable<PanelMeeting>, IQueryable<PanelMeeting>> shape, CancellationToken ct)
    {
        var meeting = await shape(db.PanelMeetings).SingleOrDefaultAsync(m => m.Id == id, ct);
        var scope = await visibility.ScopeAsync(ct);
        if (meeting is null || !await scope.Apply(db.Programmes).AnyAsync(p => p.Id == meeting.ProgrammeId, ct))
        {
            audit.RecordRead(AuditActions.PanelAccessDenied, "PanelMeeting", id, meeting is null ? "no such meeting" : "not visible to this user");
            throw new NotFoundException("PanelMeeting", id);
        }
        return meeting;
    }

    /// <summary>Visible referrals of a programme waiting for its panel and not on a meeting's list with a decision still to make.</summary>
    public static async Task<IQueryable<Referral>> WaitingAsync(AppDbContext db, ReferralVisibility visibility, CancellationToken ct)
    {
        var scope = await visibility.ScopeAsync(ct);
        return scope.Apply(db.Referrals.AsNoTracking())
            .Where(r => r.Status == ReferralStatus.ScreeningPanel
                && !db.PanelCases.Any(c => c.ReferralId == r.Id && c.Decision == PanelDecision.Pending));
    }
}
