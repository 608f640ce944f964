namespace RelationshipSupport.Application.Auditing;

// Caseload, case overview, supervised assessments and risk alerts (issue 4).
public static partial class AuditActions
{
    /// <summary>The caseload page was viewed (the detail says which sections; never names).</summary>
    public const string CaseloadViewed = "caseload.viewed";
    public const string AssessmentViewed = "case.assessment-viewed";
    public const string AssessmentStarted = "case.assessment-started";
    public const string AssessmentSaved = "case.assessment-saved";
    public const string AssessmentSubmitted = "case.assessment-submitted";
    public const string AssessmentSignedOff = "case.assessment-signed-off";
    public const string AssessmentReturned = "case.assessment-returned";
    public const string TherapyOffered = "case.therapy-offered";
    public const string RiskAlertAcknowledged = "case.risk-alert-acknowledged";
}
