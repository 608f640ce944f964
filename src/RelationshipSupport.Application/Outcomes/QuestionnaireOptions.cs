namespace RelationshipSupport.Application.Outcomes;

/// <summary>Configuration section <c>Questionnaires</c>: how long clients' links work and when questionnaires fall due.</summary>
public sealed class QuestionnaireOptions
{
    public const string Section = "Questionnaires";

    /// <summary>Days a client's private link works after it is sent (sending again makes a new link).</summary>
    public int LinkValidDays { get; set; } = 14;

    /// <summary>Days after asking that a questionnaire shows as overdue on the therapist's caseload.</summary>
    public int DueInDays { get; set; } = 7;
}
