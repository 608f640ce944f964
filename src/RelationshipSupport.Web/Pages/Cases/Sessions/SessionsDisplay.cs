using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary>How the session pages word things: UK times, modes, who is expected, outcomes.</summary>
public static class SessionsDisplay
{
    public static string Date(DateTime utc) => UkTime.ToLocal(utc).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string Time(DateTime utc) => UkTime.ToLocal(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Span(DateTime utc, int minutes) => $"{Time(utc)}–{Time(utc.AddMinutes(minutes))}";

    public static string How(SessionMode mode, string? venue) => mode == SessionMode.InPerson && venue is not null ? $"In person: {venue}" : CaseText.Describe(mode);

    public static string Clients(SessionClients clients, ClientType type) => type == ClientType.Individual ? "Client" : clients switch
    {
        SessionClients.Both => "Both partners",
        SessionClients.PrimaryOnly => "First partner only",
        SessionClients.PartnerOnly => "Second partner only",
        _ => clients.ToString(),
    };

    public static string Outcome(AttendanceOutcome? outcome) => outcome is { } o ? CaseText.Describe(o) : "Not recorded";

    public static string OutcomeTag(AttendanceOutcome? outcome) => outcome switch
    {
        null => "nhsuk-tag--grey",
        AttendanceOutcome.Attended or AttendanceOutcome.Late => "nhsuk-tag--green",
        AttendanceOutcome.DidNotAttend => "nhsuk-tag--red",
        _ => "nhsuk-tag--orange",
    };

    public static readonly IReadOnlyList<Choice> Modes =
    [
        new(nameof(SessionMode.InPerson), "In person", "Enter the venue below."),
        new(nameof(SessionMode.Video), "Video", "The therapist sends the link."),
        new(nameof(SessionMode.Phone), "Phone"),
    ];

    public static IReadOnlyList<Choice> ClientChoices(IReadOnlyList<string> firstNames) =>
    [
        new(nameof(SessionClients.Both), "Both partners"),
        new(nameof(SessionClients.PrimaryOnly), $"{(firstNames.Count > 0 ? firstNames[0] : "First partner")} only"),
        new(nameof(SessionClients.PartnerOnly), $"{(firstNames.Count > 1 ? firstNames[1] : "Second partner")} only"),
    ];

    public static readonly IReadOnlyList<Choice> Outcomes =
    [
        new(nameof(AttendanceOutcome.Attended), "Attended"),
        new(nameof(AttendanceOutcome.Late), "Attended, late"),
        new(nameof(AttendanceOutcome.DidNotAttend), "Did not attend", "A follow-up task is created for the next working day."),
        new(nameof(AttendanceOutcome.CancelledByClient), "Cancelled by the client", "Does not use one of the programme's sessions."),
        new(nameof(AttendanceOutcome.CancelledByService), "Cancelled by the service", "Give the reason. Does not use one of the programme's sessions."),
    ];

    public static readonly IReadOnlyList<Choice> RiskAreas = Enum.GetValues<RiskArea>().Select(a => new Choice(a.ToString(), CaseText.Describe(a))).ToList();

    public static readonly IReadOnlyList<Choice> RiskLevels =
    [
        new(nameof(RiskLevel.Low), "Low"),
        new(nameof(RiskLevel.Medium), "Medium"),
        new(nameof(RiskLevel.High), "High", "The supervisor is told at once (the email has no clinical details)."),
    ];
}
