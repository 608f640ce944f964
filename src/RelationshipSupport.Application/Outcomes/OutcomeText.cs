using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes;

/// <summary>Words for outcome enums, as staff and clients read them.</summary>
public static class OutcomeText
{
    public static string Label(this Timepoint timepoint) => timepoint switch
    {
        Timepoint.Intake => "Intake",
        Timepoint.EverySession => "Session",
        Timepoint.End => "End of sessions",
        Timepoint.FollowUp => "Follow-up",
        _ => timepoint.ToString(),
    };

    public static string Label(this QuestionnaireStatus status) => status switch
    {
        QuestionnaireStatus.Pending => "Not started",
        QuestionnaireStatus.InProgress => "Started",
        QuestionnaireStatus.Completed => "Completed",
        QuestionnaireStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Label(this CompletionMode mode) => mode switch
    {
        CompletionMode.Online => "Online by the client",
        CompletionMode.EnteredByTherapist => "Entered by the therapist",
        _ => mode.ToString(),
    };

    public static string Label(this ReliableChange change) => change switch
    {
        ReliableChange.ReliableImprovement => "Reliable improvement",
        ReliableChange.ReliableDeterioration => "Reliable deterioration",
        ReliableChange.NoReliableChange => "No reliable change",
        _ => "Reliable change not defined",
    };

    /// <summary>A score as shown: the definition's decimal places, or "not scored" with the reason.</summary>
    public static string Format(double? value, int decimals) =>
        value is { } v ? v.ToString("F" + decimals, System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "not scored";
}
