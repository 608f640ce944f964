namespace RelationshipSupport.Domain.Referrals;

/// <summary>
/// A screening panel meeting of a programme: its date and members, the cases it considers and a decision for
/// each, with the clinical lead's decision recorded by name.
/// </summary>
public class PanelMeeting
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    /// <summary>UK date of the meeting.</summary>
    public DateOnly MeetingDate { get; set; }
    /// <summary>The members present, one per line (names and roles; some are not users of this system).</summary>
    public string Members { get; set; } = "";
    public string ClinicalLeadName { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<PanelCase> Cases { get; set; } = [];

    /// <summary>Puts a referral that is waiting for the panel on this meeting's list.</summary>
    public PanelCase AddCase(Referral referral)
    {
        if (referral.ProgrammeId != ProgrammeId)
        {
            throw new DomainException("That referral belongs to another programme's panel.");
        }
        if (referral.Status != ReferralStatus.ScreeningPanel)
        {
            throw new DomainException("Only referrals waiting for the screening panel can be added to a meeting.");
        }
        if (Cases.Any(c => c.ReferralId == referral.Id))
        {
            throw new DomainException("That referral is already on this meeting's list.");
        }
        var panelCase = new PanelCase { ReferralId = referral.Id, Decision = PanelDecision.Pending };
        Cases.Add(panelCase);
        ConcurrencyStamp = Guid.NewGuid();
        return panelCase;
    }

    /// <summary>
    /// Records the panel's decision on one case: accepted cases join the waiting list, not suitable ones close with
    /// a reason and signposting, deferred ones wait for a later meeting.
    /// </summary>
    public void Decide(
        Referral referral,
        PanelDecision decision,
        string? note,
        string decidedByName,
        Actor recordedBy,
        DateTime nowUtc,
        ClosureReason? notSuitableReason = null,
        IReadOnlyCollection<int>? signpostingIds = null)
    {
        var panelCase = Cases.SingleOrDefault(c => c.ReferralId == referral.Id)
            ?? throw new DomainException("That referral is not on this meeting's list.");
        if (panelCase.Decision != PanelDecision.Pending)
        {
            throw new DomainException("The panel has already recorded a decision on this case.");
        }
        if (string.IsNullOrWhiteSpace(decidedByName))
        {
            throw new DomainException("Enter the name of the clinical lead who made the decision.");
        }
        var why = $"Screening panel {MeetingDate:d MMM yyyy}: {decision}";
        switch (decision)
        {
            case PanelDecision.Accepted:
                referral.PlaceOnWaitingList(recordedBy, nowUtc, why);
                break;
            case PanelDecision.NotSuitable:
                referral.MarkNotSuitable(notSuitableReason ?? throw new DomainException("Select why the referral is not suitable."),
                    note, signpostingIds ?? [], recordedBy, nowUtc);
                break;
            case PanelDecision.Deferred:
                if (string.IsNullOrWhiteSpace(note))
                {
                    throw new DomainException("Say what the panel needs before it can decide.");
                }
                break;
            default:
                throw new DomainException("Select the panel's decision.");
        }
        panelCase.Decision = decision;
        panelCase.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        panelCase.DecidedByName = decidedByName.Trim();
        panelCase.RecordedByUserId = recordedBy.UserId;
        panelCase.DecidedAtUtc = nowUtc;
        ConcurrencyStamp = Guid.NewGuid();
    }
}

public class PanelCase
{
    public int Id { get; set; }
    public int PanelMeetingId { get; set; }
    public int ReferralId { get; set; }
    public PanelDecision Decision { get; set; }
    public string? Note { get; set; }
    /// <summary>The clinical lead (or chair) whose decision it was, by name.</summary>
    public string? DecidedByName { get; set; }
    public string? RecordedByUserId { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}
