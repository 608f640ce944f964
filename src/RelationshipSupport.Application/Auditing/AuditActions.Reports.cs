namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // Evaluation reports (issue 6, managers and administrators). The entity is the programme's code or the run's id;
    // the detail holds the period and style only (reports hold no names, but they are derived from case records).
    public const string ReportFiguresViewed = "report.figures-viewed";
    public const string ReportRequested = "report.requested";
    public const string ReportDownloaded = "report.downloaded";
}
