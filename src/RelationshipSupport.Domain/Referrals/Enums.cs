namespace RelationshipSupport.Domain.Referrals;

public enum ReferralRoute
{
    /// <summary>A member of staff referred themselves through the public form.</summary>
    SelfReferral = 1,
    /// <summary>A professional (social worker, school, GP …) referred the family with consent.</summary>
    Professional = 2,
    /// <summary>Entered by a coordinator after a phone call or email.</summary>
    Coordinator = 3,
    /// <summary>A member of staff sent by their Staff Wellbeing Hub (they fill in the form themselves).</summary>
    StaffWellbeingHub = 4,
}

/// <summary>
/// Where a referral stands, from arrival to allocation (assessment and therapy extend it). The allowed moves
/// are in <see cref="ReferralWorkflow"/>; the numbers are stored, never renumber them.
/// </summary>
public enum ReferralStatus
{
    Received = 1,
    Contacting = 2,
    Screening = 3,
    /// <summary>Programmes with a screening panel: the head of service checks initial suitability first.</summary>
    SuitabilityReview = 4,
    ScreeningPanel = 5,
    WaitingForAssessment = 6,
    /// <summary>Allocated to a therapist: assessments under way.</summary>
    Allocated = 7,
    /// <summary>Assessments signed off and therapy offered: sessions under way.</summary>
    InTherapy = 8,
    /// <summary>Closed at screening with a reason and signposting.</summary>
    NotSuitable = 80,
    /// <summary>The person withdrew.</summary>
    Withdrawn = 90,
    /// <summary>Closed for another reason (no response to contact, duplicate …).</summary>
    Closed = 91,
    /// <summary>The case ended (after assessment or therapy), planned or not, with a reason.</summary>
    Ended = 92,
}

/// <summary>Why a referral was found not suitable or closed.</summary>
public enum ClosureReason
{
    MetExclusionCriterion = 1,
    InclusionCriteriaNotMet = 2,
    RiskTooHigh = 3,
    BetterServedElsewhere = 4,
    OutsideArea = 5,
    NoResponseToContact = 20,
    DeclinedService = 21,
    DuplicateReferral = 22,
    Other = 99,
}

public enum ScreeningOutcome
{
    /// <summary>Meets the criteria: on to the waiting list, or to initial suitability review where there is a panel.</summary>
    Accept = 1,
    NotSuitable = 2,
    /// <summary>An exclusion criterion is met or unclear: a supervisor decides.</summary>
    ReferToSupervisor = 3,
}

public enum PanelDecision
{
    Pending = 0,
    Accepted = 1,
    NotSuitable = 2,
    /// <summary>Needs more information: stays in the panel's list for a later meeting.</summary>
    Deferred = 3,
}

public enum DuplicateDecision
{
    Linked = 1,
    Dismissed = 2,
}

public enum AllocationRole
{
    Lead = 1,
    CoTherapist = 2,
}

public enum ClientType
{
    Individual = 1,
    Couple = 2,
}

[Flags]
public enum CounsellingKinds
{
    None = 0,
    Relationship = 1,
    Psychosexual = 2,
    Family = 4,
    CoParenting = 8,
}

[Flags]
public enum Availability
{
    None = 0,
    WeekdayMornings = 1,
    WeekdayAfternoons = 2,
    WeekdayEvenings = 4,
    Weekends = 8,
}

public enum SessionFormat
{
    Online = 1,
    InPerson = 2,
    NoPreference = 3,
}

/// <summary>Answer to an exclusion screening question.</summary>
public enum ScreeningAnswer
{
    No = 1,
    Yes = 2,
    NotSure = 3,
}

public enum PreferredContact
{
    Phone = 1,
    Email = 2,
    Text = 3,
}

public enum ReferrerRole
{
    SocialWorker = 1,
    EarlySupport = 2,
    Camhs = 3,
    School = 4,
    GeneralPractice = 5,
    StaffWellbeingHub = 6,
    Other = 99,
}

public enum ContactMethod
{
    Phone = 1,
    Email = 2,
    Text = 3,
    Letter = 4,
}

public enum ContactOutcome
{
    Spoke = 1,
    NoAnswer = 2,
    LeftMessage = 3,
    EmailSent = 4,
    WrongNumber = 5,
    Declined = 6,
}

public enum PersonRole
{
    Primary = 1,
    Partner = 2,
}

/// <summary>Marital status for the evaluation's demographics (the DWP report's categories); the numbers are stored.</summary>
public enum MaritalStatus
{
    Married = 1,
    CivilPartnership = 2,
    Cohabiting = 3,
    NonCohabitingPartners = 4,
    SeparatedOrDivorced = 5,
    NotInARelationship = 6,
    Widowed = 7,
    PreferNotToSay = 99,
}

/// <summary>Highest qualification, for the evaluation's demographics; the numbers are stored.</summary>
public enum Qualification
{
    NoFormalQualifications = 1,
    Gcse = 2,
    NvqOrEquivalent = 3,
    ALevel = 4,
    Professional = 5,
    Undergraduate = 6,
    Postgraduate = 7,
    Other = 8,
    PreferNotToSay = 99,
}

/// <summary>Employment, for the evaluation's demographics; the numbers are stored.</summary>
public enum Employment
{
    FullTime = 1,
    PartTime = 2,
    HomemakerOrCarer = 3,
    Unemployed = 4,
    Student = 5,
    Retired = 6,
    UnableToWork = 7,
    Other = 8,
    PreferNotToSay = 99,
}

/// <summary>How each demographic answer reads in forms and reports.</summary>
public static class DemographicLabels
{
    public static string Of(MaritalStatus value) => value switch
    {
        MaritalStatus.Married => "Married",
        MaritalStatus.CivilPartnership => "Civil partnership",
        MaritalStatus.Cohabiting => "Co-habiting",
        MaritalStatus.NonCohabitingPartners => "Non-cohabiting partners",
        MaritalStatus.SeparatedOrDivorced => "Separated or divorced",
        MaritalStatus.NotInARelationship => "Not in a relationship",
        MaritalStatus.Widowed => "Widowed",
        _ => "Prefer not to say",
    };

    public static string Of(Qualification value) => value switch
    {
        Qualification.NoFormalQualifications => "No formal qualifications",
        Qualification.Gcse => "GCSEs or equivalent",
        Qualification.NvqOrEquivalent => "NVQ or equivalent",
        Qualification.ALevel => "A-levels",
        Qualification.Professional => "Professional qualification",
        Qualification.Undergraduate => "Undergraduate degree",
        Qualification.Postgraduate => "Postgraduate degree",
        Qualification.Other => "Other",
        _ => "Prefer not to say",
    };

    public static string Of(Employment value) => value switch
    {
        Employment.FullTime => "Working full-time",
        Employment.PartTime => "Working part-time",
        Employment.HomemakerOrCarer => "Full-time homemaker or carer",
        Employment.Unemployed => "Unemployed",
        Employment.Student => "Full-time student",
        Employment.Retired => "Retired",
        Employment.UnableToWork => "Unable to work",
        Employment.Other => "Other",
        _ => "Prefer not to say",
    };

    /// <summary>The DWP report's relationship length bands: 1–5, 6–10, 11–15, 16–20, 21–25, 26+ years (under a year counts as 1–5).</summary>
    public static string RelationshipLengthBand(int years) => years switch
    {
        <= 5 => "1–5 years",
        <= 10 => "6–10 years",
        <= 15 => "11–15 years",
        <= 20 => "16–20 years",
        <= 25 => "21–25 years",
        _ => "26 years or more",
    };

    public static readonly IReadOnlyList<string> RelationshipLengthBands =
        ["1–5 years", "6–10 years", "11–15 years", "16–20 years", "21–25 years", "26 years or more"];
}
