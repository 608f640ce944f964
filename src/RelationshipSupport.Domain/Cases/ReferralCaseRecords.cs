using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Domain.Referrals;

/// <summary>Notes and supervision on a case: the rules that belong to the case rather than to the note itself.</summary>
public partial class Referral
{
    public const int MaxSupervisionPointsLength = 4000;
    public const int MaxSupervisionActionsLength = 2000;

    /// <summary>
    /// The author changes their note within its edit window, while the case is open (an ended case is read-only
    /// except for addenda).
    /// </summary>
    public void EditNote(CaseNote note, string text, Actor by, DateTime nowUtc)
    {
        if (!Notes.Contains(note))
        {
            throw new DomainException("That note belongs to another case.");
        }
        if (!IsOpen)
        {
            throw new DomainException("This case has ended: add an addendum to the note instead.");
        }
        note.Edit(text, by.UserId, nowUtc);
    }

    /// <summary>A supervisor records a supervision discussion about this (open) case, held today or earlier.</summary>
    public SupervisionRecord RecordSupervision(DateOnly heldOn, string points, string? actions, Actor by, DateOnly todayUk, DateTime nowUtc)
    {
        if (!by.IsSupervisor)
        {
            throw new DomainException("Only a supervisor can record supervision.");
        }
        if (!IsOpen)
        {
            throw new DomainException("This case has ended and can no longer be changed.");
        }
        if (heldOn > todayUk)
        {
            throw new DomainException("The date of the supervision must be today or in the past.");
        }
        if (string.IsNullOrWhiteSpace(points))
        {
            throw new DomainException("Enter the points discussed.");
        }
        if (points.Trim().Length > MaxSupervisionPointsLength || (actions?.Trim().Length ?? 0) > MaxSupervisionActionsLength)
        {
            throw new DomainException("The supervision record is too long.");
        }
        var record = new SupervisionRecord
        {
            HeldOn = heldOn,
            SupervisorUserId = by.UserId,
            SupervisorName = by.Name,
            Points = points.Trim(),
            Actions = string.IsNullOrWhiteSpace(actions) ? null : actions.Trim(),
            RecordedAtUtc = nowUtc,
        };
        SupervisionRecords.Add(record);
        return record;
    }
}
