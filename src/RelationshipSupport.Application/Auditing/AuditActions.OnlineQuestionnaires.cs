namespace RelationshipSupport.Application.Auditing;

public static partial class AuditActions
{
    // Clients' online questionnaires (issue 5): opening and refusals are in AuditActions.Questionnaires.cs.
    // The detail holds the request id, the instrument code and how many questions were answered; never the answers
    // and never the link's token.
    public const string QuestionnaireAnswersSavedByClient = "questionnaire.answers-saved";
}
