namespace RelationshipSupport.Domain.Programmes;

/// <summary>A commissioned service (a contract) with its own routes, session range and report style.</summary>
public class Programme
{
    public int Id { get; set; }

    /// <summary>Stable code used in URLs, configuration and the command line (e.g. <c>nhs-staff</c>).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Commissioner { get; set; } = "";

    /// <summary>The contract period (UK dates); reports default to it.</summary>
    public DateOnly? ContractStart { get; set; }
    public DateOnly? ContractEnd { get; set; }
    public ReportStyle ReportStyle { get; set; }
    public bool AcceptsSelfReferrals { get; set; }
    public bool AcceptsProfessionalReferrals { get; set; }
    public bool RequiresScreeningPanel { get; set; }
    public int MinSessions { get; set; }
    public int MaxSessions { get; set; }
    public int MaxSessionMinutes { get; set; } = 60;
    /// <summary>Couples: each partner has an individual assessment as well as the joint one (the parents programme).</summary>
    public bool IndividualAssessmentsForCouples { get; set; }

    /// <summary>After this many unanswered contact attempts in a row a referral is offered for closure.</summary>
    public int UnansweredAttemptsBeforeClosure { get; set; } = 3;

    /// <summary>Narrative texts the annual report uses (the figures come from the records).</summary>
    public string ReportIntroduction { get; set; } = "";
    public string ReportServiceDescription { get; set; } = "";
    public string ReportConclusions { get; set; } = "";

    /// <summary>Shown to the person on the confirmation page and in the acknowledgement email.</summary>
    public string WhatHappensNext { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public bool IsActive { get; set; } = true;

    /// <summary>Changes on every save of the programme's settings or criteria: an edit made from an older version is refused.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<Hub> Hubs { get; set; } = [];

    /// <summary>Inclusion and exclusion criteria, screened as a checklist. Retired, never deleted: past screenings refer to them.</summary>
    public List<ProgrammeCriterion> Criteria { get; set; } = [];

    /// <summary>The first step after screening accepts a referral.</summary>
    public bool RequiresSuitabilityReview => RequiresScreeningPanel;
}

public enum CriterionKind
{
    Inclusion = 1,
    Exclusion = 2,
}

/// <summary>One inclusion or exclusion criterion of a programme, with help text for the person screening.</summary>
public class ProgrammeCriterion
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public CriterionKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? HelpText { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

public enum ReportStyle
{
    Hee = 1,
    Dwp = 2,
}
