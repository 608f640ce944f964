namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // Questionnaire definitions and programmes' schedules (issue 5, administrators). The entity id is the instrument's
    // code or the programme's code; the detail holds versions, timepoints and codes only.
    public const string InstrumentAdded = "admin.instrument-added";
    public const string InstrumentRetired = "admin.instrument-retired";
    public const string InstrumentReinstated = "admin.instrument-reinstated";
    public const string ProgrammeQuestionnairesSaved = "admin.programme-questionnaires-saved";
}
