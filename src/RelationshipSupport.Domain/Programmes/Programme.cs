namespace RelationshipSupport.Domain.Programmes;

/// <summary>A commissioned service (a contract) with its own routes, session range and report style.</summary>
public class Programme
{
    public int Id { get; set; }

    /// <summary>Stable code used in URLs, configuration and the command line (e.g. <c>nhs-staff</c>).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Commissioner { get; set; } = "";
    public ReportStyle ReportStyle { get; set; }
    public bool AcceptsSelfReferrals { get; set; }
    public bool AcceptsProfessionalReferrals { get; set; }
    public bool RequiresScreeningPanel { get; set; }
    public int MinSessions { get; set; }
    public int MaxSessions { get; set; }
    public int MaxSessionMinutes { get; set; } = 60;

    /// <summary>Shown to the person on the confirmation page and in the acknowledgement email.</summary>
    public string WhatHappensNext { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public bool IsActive { get; set; } = true;

    public List<Hub> Hubs { get; set; } = [];
}

public enum ReportStyle
{
    Hee = 1,
    Dwp = 2,
}
