namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // The manager's dashboard and the anonymised outcomes export (issue 6). The detail holds the programme code (or
    // "all"), the period and, for exports, the number of rows: never a person.
    public const string DashboardViewed = "dashboard.viewed";
    public const string OutcomesExported = "dashboard.outcomes-exported";
}
