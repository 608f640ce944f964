using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Auditing;

namespace RelationshipSupport.Application.Auditing;

/// <summary>
/// Writes the audit trail. <see cref="Record"/> adds an entry for a change to the current unit of work, so it commits
/// (or rolls back) with the change it describes. <see cref="RecordRead"/> is for reads (pages viewed, access refused):
/// the entry goes to the <see cref="IAuditQueue"/> and is written within about a second, without a transaction of its own.
/// </summary>
public sealed class AuditLog(AppDbContext db, IAuditQueue queue, ICurrentUser user, TimeProvider clock)
{
    public void Record(string action, string entityType, object? entityId, string? detail = null) =>
        db.AuditEntries.Add(Create(action, entityType, entityId, detail));

    public void RecordRead(string action, string entityType, object? entityId, string? detail = null) =>
        queue.Enqueue(Create(action, entityType, entityId, detail));

    private AuditEntry Create(string action, string entityType, object? entityId, string? detail) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        UserId = user.UserId,
        UserName = user.UserName,
        Action = action,
        EntityType = entityType,
        EntityId = entityId?.ToString(),
        IpAddress = user.IpAddress,
        CorrelationId = user.CorrelationId,
        Detail = detail,
    };
}

/// <summary>The stable action names of the audit log. Partial: each capability may keep its own in a file of its own.</summary>
public static partial class AuditActions
{
    public const string ReferralCreated = "referral.created";
    public const string ReferralViewed = "referral.viewed";
    /// <summary>A case page was opened (the detail names the page and the access level).</summary>
    public const string CaseViewed = "case.viewed";
    public const string RiskAlertRaised = "case.risk-alert-raised";
    public const string ReferralAccessDenied = "referral.access-denied";
    public const string ContactAttemptRecorded = "referral.contact-attempt-recorded";
    public const string TriageQueueViewed = "triage.queue-viewed";
    public const string WaitingListViewed = "waiting-list.viewed";
    public const string PrioritySet = "referral.priority-set";
    public const string ReferralAllocated = "referral.allocated";
    public const string DuplicateReviewed = "referral.duplicate-reviewed";
    public const string ReferralClosed = "referral.closed";
    public const string ReferralWithdrawn = "referral.withdrawn";
    public const string ScreeningStarted = "referral.screening-started";
    public const string Screened = "referral.screened";
    public const string ScreeningOverride = "referral.screening-override";
    public const string NotSuitable = "referral.not-suitable";
    public const string SuitabilityReviewed = "referral.suitability-reviewed";
    public const string PanelMeetingCreated = "panel.meeting-created";
    public const string PanelCaseAdded = "panel.case-added";
    public const string PanelDecisionRecorded = "panel.decision-recorded";
    public const string PanelAccessDenied = "panel.access-denied";
    public const string UserSignedIn = "user.signed-in";
    public const string UserSignInFailed = "user.sign-in-failed";
    public const string UserLockedOut = "user.locked-out";
    public const string TwoFactorEnabled = "user.two-factor-enabled";
    public const string RecoveryCodesReset = "user.recovery-codes-reset";
    public const string AuthenticatorReset = "user.authenticator-reset";
    public const string UserInvited = "user.invited";
    public const string UserInvitationResent = "user.invitation-resent";
    public const string UserUpdated = "user.updated";
    public const string UserRolesChanged = "user.roles-changed";
    public const string UserAssignmentsChanged = "user.assignments-changed";
    public const string UserDeactivated = "user.deactivated";
    public const string UserReactivated = "user.reactivated";
    public const string UserUnlocked = "user.unlocked";
    public const string UserPasswordSet = "user.password-set";

    // Settings (administrators): the entity id says which record; the detail never holds the text typed.
    public const string ProgrammeAdded = "programme.added";
    public const string ProgrammeUpdated = "programme.updated";
    public const string CriterionAdded = "criterion.added";
    public const string CriterionUpdated = "criterion.updated";
    public const string CriterionMoved = "criterion.moved";
    public const string CriterionRetired = "criterion.retired";
    public const string CriterionRestored = "criterion.restored";
    public const string HubAdded = "hub.added";
    public const string HubUpdated = "hub.updated";
    public const string HubDeactivated = "hub.deactivated";
    public const string HubReactivated = "hub.reactivated";
    public const string SignpostingAdded = "signposting.added";
    public const string SignpostingUpdated = "signposting.updated";
    public const string SignpostingRetired = "signposting.retired";
    public const string SignpostingRestored = "signposting.restored";
}
