namespace RelationshipSupport.Application.Auditing;

/// <summary>Notes, addenda, supervision and endings. The detail never holds what was typed.</summary>
public static partial class AuditActions
{
    /// <summary>The notes tab was opened (the detail says the access level: text shown only at Clinical).</summary>
    public const string CaseNotesViewed = "case.notes-viewed";
    public const string CaseNoteAdded = "case.note-added";
    public const string CaseNoteEdited = "case.note-edited";
    public const string CaseNoteAddendumAdded = "case.note-addendum-added";
    public const string CaseSupervisionViewed = "case.supervision-viewed";
    public const string CaseSupervisionRecorded = "case.supervision-recorded";
    public const string CaseEndingViewed = "case.ending-viewed";
    public const string CaseEnded = "case.ended";
}
