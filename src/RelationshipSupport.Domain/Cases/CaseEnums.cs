namespace RelationshipSupport.Domain.Cases;

public enum AssessmentKind
{
    /// <summary>One person: the client of an individual referral, or one partner of a couple.</summary>
    Individual = 1,
    /// <summary>Both partners of a couple together.</summary>
    Joint = 2,
}

public enum AssessmentStatus
{
    Draft = 1,
    /// <summary>Waiting for a supervisor's sign-off.</summary>
    Submitted = 2,
    /// <summary>A supervisor sent it back with comments; the author changes it and submits again.</summary>
    Returned = 3,
    SignedOff = 4,
}

public enum AssessmentRecommendation
{
    OfferTherapy = 1,
    ReferElsewhere = 2,
}

/// <summary>How an assessment or a session is held.</summary>
public enum SessionMode
{
    InPerson = 1,
    Video = 2,
    Phone = 3,
}

/// <summary>The areas of risk assessed at assessment and raised in sessions.</summary>
public enum RiskArea
{
    DomesticAbuse = 1,
    SelfHarmSuicide = 2,
    HarmToOthers = 3,
    SubstanceMisuse = 4,
    SevereMentalIllness = 5,
    SafeguardingChildren = 6,
}

public enum RiskLevel
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>Who a session is for, and (when recorded) who came.</summary>
public enum SessionClients
{
    Both = 1,
    PrimaryOnly = 2,
    PartnerOnly = 3,
}

public enum AttendanceOutcome
{
    Attended = 1,
    Late = 2,
    DidNotAttend = 3,
    CancelledByClient = 4,
    CancelledByService = 5,
}

public enum ExtensionStatus
{
    Pending = 1,
    Approved = 2,
    Declined = 3,
}

public enum EndingKind
{
    Planned = 1,
    Unplanned = 2,
}

public enum EndingReason
{
    Completed = 1,
    Disengaged = 2,
    MovedAway = 3,
    Risk = 4,
    ServiceEnded = 5,
    ReferredElsewhere = 6,
    Other = 7,
}

public enum RiskAlertSource
{
    Assessment = 1,
    Session = 2,
    /// <summary>For issue 5: a questionnaire's risk item.</summary>
    Questionnaire = 3,
}

public enum CaseTaskKind
{
    /// <summary>A client did not attend: contact them and decide what next.</summary>
    DidNotAttendFollowUp = 1,
}

public static class CaseText
{
    public static string Describe(RiskArea area) => area switch
    {
        RiskArea.DomesticAbuse => "Domestic abuse and coercive control",
        RiskArea.SelfHarmSuicide => "Self-harm and suicide",
        RiskArea.HarmToOthers => "Harm to others",
        RiskArea.SubstanceMisuse => "Substance misuse",
        RiskArea.SevereMentalIllness => "Severe mental illness",
        RiskArea.SafeguardingChildren => "Safeguarding of children",
        _ => area.ToString(),
    };

    public static string Describe(RiskLevel level) => level switch
    {
        RiskLevel.None => "None identified",
        _ => level.ToString(),
    };

    public static string Describe(SessionMode mode) => mode switch
    {
        SessionMode.InPerson => "In person",
        SessionMode.Video => "Video",
        SessionMode.Phone => "Phone",
        _ => mode.ToString(),
    };

    public static string Describe(AttendanceOutcome outcome) => outcome switch
    {
        AttendanceOutcome.Attended => "Attended",
        AttendanceOutcome.Late => "Attended, late",
        AttendanceOutcome.DidNotAttend => "Did not attend",
        AttendanceOutcome.CancelledByClient => "Cancelled by client",
        AttendanceOutcome.CancelledByService => "Cancelled by service",
        _ => outcome.ToString(),
    };

    public static string Describe(EndingReason reason) => reason switch
    {
        EndingReason.Completed => "Completed",
        EndingReason.Disengaged => "Disengaged",
        EndingReason.MovedAway => "Moved away",
        EndingReason.Risk => "Risk",
        EndingReason.ServiceEnded => "Service ended",
        EndingReason.ReferredElsewhere => "Referred elsewhere",
        EndingReason.Other => "Other",
        _ => reason.ToString(),
    };

    public static string Describe(AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "Draft",
        AssessmentStatus.Submitted => "Waiting for sign-off",
        AssessmentStatus.Returned => "Returned",
        AssessmentStatus.SignedOff => "Signed off",
        _ => status.ToString(),
    };
}
