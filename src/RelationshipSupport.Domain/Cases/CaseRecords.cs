namespace RelationshipSupport.Domain.Cases;

/// <summary>A supervision discussion about a case: recorded by the supervisor.</summary>
public class SupervisionRecord
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public DateOnly HeldOn { get; set; }
    public string SupervisorUserId { get; set; } = "";
    public string SupervisorName { get; set; } = "";
    public string Points { get; set; } = "";
    public string? Actions { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// Risk raised at assessment or in a session (or, later, by a questionnaire answer) at a level that a supervisor must
/// see at once: it shows on their caseload until acknowledged, and they are emailed that there is one (no details).
/// </summary>
public class RiskAlert
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public RiskAlertSource Source { get; set; }
    public int? SourceId { get; set; }
    public RiskArea Area { get; set; }
    public RiskLevel Level { get; set; }
    /// <summary>Written by the clinician raising it; shown to the case's clinicians only.</summary>
    public string? Notes { get; set; }
    public string RaisedByUserId { get; set; } = "";
    public string RaisedByName { get; set; } = "";
    public DateTime RaisedAtUtc { get; set; }
    /// <summary>The supervisor told (the therapist's supervisor); null when the therapist has none (every supervisor sees it).</summary>
    public string? SupervisorUserId { get; set; }
    public DateTime? AcknowledgedAtUtc { get; set; }
    public string? AcknowledgedByUserId { get; set; }
    public string? AcknowledgedByName { get; set; }

    /// <summary>The level at which risk reaches a supervisor at once.</summary>
    public const RiskLevel AlertLevel = RiskLevel.High;

    public void Acknowledge(Referrals.Actor by, DateTime nowUtc)
    {
        if (!by.IsSupervisor)
        {
            throw new DomainException("Only a supervisor can acknowledge a risk alert.");
        }
        if (AcknowledgedAtUtc is not null)
        {
            return;
        }
        AcknowledgedAtUtc = nowUtc;
        AcknowledgedByUserId = by.UserId;
        AcknowledgedByName = by.Name;
    }
}

/// <summary>Something a therapist must do on a case, e.g. follow up a session the client did not attend.</summary>
public class CaseTask
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public int? SessionId { get; set; }
    public CaseTaskKind Kind { get; set; }
    public string Description { get; set; } = "";
    public string AssignedToUserId { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    public string? DoneByUserId { get; set; }
    public string? Outcome { get; set; }

    public bool IsOpen => DoneAtUtc is null;

    /// <summary>Marks the task done with what was done; doing it again changes nothing.</summary>
    public void Complete(string? outcome, string byUserId, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(outcome))
        {
            throw new DomainException("Say what was done.");
        }
        DoneAtUtc = nowUtc;
        DoneByUserId = byUserId;
        Outcome = outcome.Trim();
    }
}
