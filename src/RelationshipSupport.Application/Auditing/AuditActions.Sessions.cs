namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // Sessions (issue 4): the detail holds ids, counts and outcomes; never reasons, notes or names.
    public const string SessionScheduled = "case.session-scheduled";
    public const string SessionAttendanceRecorded = "case.session-attendance-recorded";
    public const string SessionRiskRecorded = "case.session-risk-recorded";
    public const string SessionExtensionRequested = "case.session-extension-requested";
    public const string SessionExtensionDecided = "case.session-extension-decided";
    public const string SessionInvitationDownloaded = "case.session-ics-downloaded";
    public const string CaseTaskDone = "case.task-done";
    public const string CalendarViewed = "calendar.viewed";
    public const string CalendarAccessDenied = "calendar.access-denied";
    public const string SessionRemindersQueued = "case.session-reminders-queued";
}
