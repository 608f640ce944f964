namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // Questionnaires (issue 5): the detail holds ids, codes, timepoints and modes; never answers or scores.
    public const string QuestionnairesRequested = "case.questionnaires-requested";
    public const string QuestionnaireLinkSent = "case.questionnaire-link-sent";
    public const string QuestionnaireCancelled = "case.questionnaire-cancelled";
    public const string QuestionnaireCompleted = "case.questionnaire-completed";
    public const string QuestionnaireEntered = "case.questionnaire-entered";
    public const string QuestionnaireOpenedByClient = "questionnaire.opened";
    public const string QuestionnaireLinkRefused = "questionnaire.link-refused";
    public const string OutcomesViewed = "case.outcomes-viewed";
}
