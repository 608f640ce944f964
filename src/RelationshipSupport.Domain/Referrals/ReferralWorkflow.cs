using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Domain.Referrals;

/// <summary>Who is acting, as the domain needs to know it: recorded on every change; supervisors may override.</summary>
public sealed record Actor(string UserId, string Name, bool IsSupervisor = false);

/// <summary>
/// The case's path from referral to allocation, in one table. Every move goes through
/// <see cref="Referral.MoveTo"/>, which refuses a move not listed here and records who, when and why.
/// </summary>
public static class ReferralWorkflow
{
    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Allowed = new()
    {
        [ReferralStatus.Received] = [ReferralStatus.Contacting, ReferralStatus.Screening, ReferralStatus.Withdrawn, ReferralStatus.Closed],
        [ReferralStatus.Contacting] = [ReferralStatus.Screening, ReferralStatus.Withdrawn, ReferralStatus.Closed],
        [ReferralStatus.Screening] = [ReferralStatus.SuitabilityReview, ReferralStatus.WaitingForAssessment, ReferralStatus.NotSuitable, ReferralStatus.Withdrawn, ReferralStatus.Closed],
        [ReferralStatus.SuitabilityReview] = [ReferralStatus.ScreeningPanel, ReferralStatus.NotSuitable, ReferralStatus.Withdrawn, ReferralStatus.Closed],
        [ReferralStatus.ScreeningPanel] = [ReferralStatus.WaitingForAssessment, ReferralStatus.NotSuitable, ReferralStatus.Withdrawn, ReferralStatus.Closed],
        [ReferralStatus.WaitingForAssessment] = [ReferralStatus.Allocated, ReferralStatus.Withdrawn, ReferralStatus.Closed],
        [ReferralStatus.Allocated] = [ReferralStatus.WaitingForAssessment, ReferralStatus.InTherapy, ReferralStatus.Ended, ReferralStatus.Withdrawn],
        [ReferralStatus.InTherapy] = [ReferralStatus.Ended, ReferralStatus.Withdrawn],
        [ReferralStatus.NotSuitable] = [],
        [ReferralStatus.Withdrawn] = [],
        [ReferralStatus.Closed] = [],
        [ReferralStatus.Ended] = [],
    };

    public static bool IsOpen(ReferralStatus status) => status is not (ReferralStatus.NotSuitable or ReferralStatus.Withdrawn or ReferralStatus.Closed or ReferralStatus.Ended);

    /// <summary>The statuses of a case a therapist works: allocated (assessment) and in therapy.</summary>
    public static readonly IReadOnlyList<ReferralStatus> CaseStatuses = [ReferralStatus.Allocated, ReferralStatus.InTherapy];

    public static bool CanMove(ReferralStatus from, ReferralStatus to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<ReferralStatus> NextFrom(ReferralStatus from) => Allowed.TryGetValue(from, out var next) ? next : [];

    /// <summary>Every open status, for queries ("open" filters).</summary>
    public static readonly IReadOnlyList<ReferralStatus> OpenStatuses = Enum.GetValues<ReferralStatus>().Where(IsOpen).ToArray();

    /// <summary>The statuses before screening is done: the triage queue's default view.</summary>
    public static readonly IReadOnlyList<ReferralStatus> TriageStatuses =
        [ReferralStatus.Received, ReferralStatus.Contacting, ReferralStatus.Screening, ReferralStatus.SuitabilityReview, ReferralStatus.ScreeningPanel];

    /// <summary>How a status reads to staff.</summary>
    public static string Describe(ReferralStatus status) => status switch
    {
        ReferralStatus.Received => "Received",
        ReferralStatus.Contacting => "Contacting",
        ReferralStatus.Screening => "Screening",
        ReferralStatus.SuitabilityReview => "Initial suitability review",
        ReferralStatus.ScreeningPanel => "Screening panel",
        ReferralStatus.WaitingForAssessment => "Waiting for assessment",
        ReferralStatus.Allocated => "Allocated",
        ReferralStatus.InTherapy => "In therapy",
        ReferralStatus.Ended => "Ended",
        ReferralStatus.NotSuitable => "Not suitable",
        ReferralStatus.Withdrawn => "Withdrawn",
        ReferralStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}

public partial class Referral
{
    /// <summary>Why it was found not suitable or closed; null while open or when withdrawn without one.</summary>
    public ClosureReason? ClosureReason { get; set; }
    public string? ClosureNote { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Set while screening waits for a supervisor (a met exclusion criterion, or a doubt).</summary>
    public bool AwaitingSupervisor { get; set; }

    /// <summary>When it joined the waiting list (the waiting time counts from here).</summary>
    public DateTime? WaitingSinceUtc { get; set; }
    /// <summary>Set by a supervisor: seen before others on the waiting list.</summary>
    public bool IsPriority { get; set; }
    public string? PriorityReason { get; set; }
    public DateTime? AllocatedAtUtc { get; set; }

    /// <summary>
    /// The one way a status changes: refuses a move the workflow does not allow (with a message for the user)
    /// and records who, when and why.
    /// </summary>
    public void MoveTo(ReferralStatus to, Actor by, DateTime nowUtc, string? reason)
    {
        if (!ReferralWorkflow.CanMove(Status, to))
        {
            throw new DomainException(
                $"A referral that is \"{ReferralWorkflow.Describe(Status).ToLowerInvariant()}\" cannot be moved to \"{ReferralWorkflow.Describe(to).ToLowerInvariant()}\".");
        }
        StatusChanges.Add(new ReferralStatusChange
        {
            From = Status,
            To = to,
            AtUtc = nowUtc,
            ByUserId = by.UserId,
            ByName = by.Name,
            Reason = Trimmed(reason),
        });
        Status = to;
        if (!ReferralWorkflow.IsOpen(to))
        {
            ClosedAtUtc = nowUtc;
            AwaitingSupervisor = false;
            IsPriority = false;
        }
        ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>The person has been reached (or the coordinator has enough to go on): screening starts.</summary>
    public void StartScreening(Actor by, DateTime nowUtc) => MoveTo(ReferralStatus.Screening, by, nowUtc, "Screening started");

    /// <summary>Contact attempts since the last time someone spoke to the person (newest first), for the closure offer.</summary>
    public int UnansweredAttemptsInARow() =>
        ContactAttempts.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .TakeWhile(a => a.Outcome is not (ContactOutcome.Spoke or ContactOutcome.Declined))
            .Count();

    /// <summary>True when the programme's number of unanswered attempts is reached and the referral may be closed for no response.</summary>
    public bool IsOfferedForClosure(Programme programme) =>
        Status is ReferralStatus.Received or ReferralStatus.Contacting
        && UnansweredAttemptsInARow() >= Math.Max(1, programme.UnansweredAttemptsBeforeClosure);

    /// <summary>Closes a referral whose person could not be reached after the programme's number of attempts.</summary>
    public void CloseForNoResponse(Programme programme, Actor by, DateTime nowUtc, string? note)
    {
        if (!IsOfferedForClosure(programme))
        {
            throw new DomainException(
                $"This referral can be closed for no response only after {programme.UnansweredAttemptsBeforeClosure} unanswered contact attempts in a row.");
        }
        Close(Referrals.ClosureReason.NoResponseToContact, note, by, nowUtc);
    }

    /// <summary>Closes an open referral for a reason that is not a screening decision (no response, duplicate, declined).</summary>
    public void Close(ClosureReason reason, string? note, Actor by, DateTime nowUtc)
    {
        if (reason is Referrals.ClosureReason.Other && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Give the reason for closing the referral.");
        }
        MoveTo(ReferralStatus.Closed, by, nowUtc, note ?? reason.ToString());
        ClosureReason = reason;
        ClosureNote = Trimmed(note);
    }

    /// <summary>The person withdrew: allowed from any open state.</summary>
    public void Withdraw(string? note, Actor by, DateTime nowUtc)
    {
        MoveTo(ReferralStatus.Withdrawn, by, nowUtc, string.IsNullOrWhiteSpace(note) ? "Withdrawn by the person" : note);
        ClosureNote = Trimmed(note);
        foreach (var allocation in Allocations.Where(a => a.EndedAtUtc is null))
        {
            allocation.EndedAtUtc = nowUtc;
        }
    }

    /// <summary>
    /// Records the screening checklist and acts on its outcome. Accepting when an exclusion criterion is met or an
    /// inclusion criterion is not is refused unless a supervisor records an override and its reason.
    /// </summary>
    public Screening RecordScreening(
        Programme programme,
        IReadOnlyDictionary<int, bool> metByCriterionId,
        ScreeningOutcome outcome,
        string? notes,
        string? overrideReason,
        Actor by,
        DateTime nowUtc,
        ClosureReason? notSuitableReason = null,
        IReadOnlyCollection<int>? signpostingIds = null)
    {
        if (Status != ReferralStatus.Screening)
        {
            throw new DomainException($"Screening can be recorded only while the referral is in screening (it is \"{ReferralWorkflow.Describe(Status).ToLowerInvariant()}\").");
        }
        var criteria = programme.Criteria.Where(c => c.IsActive).OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ToList();
        var unanswered = criteria.Where(c => !metByCriterionId.ContainsKey(c.Id)).ToList();
        if (unanswered.Count > 0)
        {
            throw new DomainException($"Answer every criterion: \"{unanswered[0].Text}\" has no answer.");
        }

        var screening = new Screening
        {
            AtUtc = nowUtc,
            ByUserId = by.UserId,
            ByName = by.Name,
            Outcome = outcome,
            Notes = Trimmed(notes),
            Results = criteria.Select(c => new ScreeningCriterionResult
            {
                CriterionId = c.Id,
                Kind = c.Kind,
                CriterionText = c.Text,
                Met = metByCriterionId[c.Id],
            }).ToList(),
        };
        var blocking = screening.Results.Where(r => r.Kind == CriterionKind.Exclusion ? r.Met : !r.Met).ToList();

        switch (outcome)
        {
            case ScreeningOutcome.Accept:
                if (blocking.Count > 0)
                {
                    if (!by.IsSupervisor)
                    {
                        var what = blocking[0].Kind == CriterionKind.Exclusion ? "exclusion criterion is met" : "inclusion criterion is not met";
                        throw new DomainException(
                            $"An {what} (\"{blocking[0].CriterionText}\"): only a supervisor can accept this referral, recording why. Refer it to a supervisor, or record it as not suitable.");
                    }
                    if (string.IsNullOrWhiteSpace(overrideReason))
                    {
                        throw new DomainException("Give the reason for accepting this referral although the criteria are not all satisfied.");
                    }
                    screening.OverrideByUserId = by.UserId;
                    screening.OverrideByName = by.Name;
                    screening.OverrideReason = overrideReason.Trim();
                }
                Screenings.Add(screening);
                AwaitingSupervisor = false;
                if (programme.RequiresSuitabilityReview)
                {
                    MoveTo(ReferralStatus.SuitabilityReview, by, nowUtc, screening.OverrideReason is null ? "Screening: criteria met" : "Screening: accepted by supervisor override");
                }
                else
                {
                    PlaceOnWaitingList(by, nowUtc, screening.OverrideReason is null ? "Screening: criteria met" : "Screening: accepted by supervisor override");
                }
                break;
            case ScreeningOutcome.NotSuitable:
                Screenings.Add(screening);
                MarkNotSuitable(notSuitableReason ?? throw new DomainException("Select why the referral is not suitable."), notes, signpostingIds ?? [], by, nowUtc);
                break;
            case ScreeningOutcome.ReferToSupervisor:
                Screenings.Add(screening);
                AwaitingSupervisor = true;
                ConcurrencyStamp = Guid.NewGuid();
                break;
            default:
                throw new DomainException("Select the outcome of screening.");
        }
        return screening;
    }

    /// <summary>Programmes with a panel: the head of service's initial suitability review sends it to the panel or closes it.</summary>
    public void ReviewSuitability(bool suitable, string? note, Actor by, DateTime nowUtc, ClosureReason? notSuitableReason = null, IReadOnlyCollection<int>? signpostingIds = null)
    {
        if (Status != ReferralStatus.SuitabilityReview)
        {
            throw new DomainException("Only a referral in initial suitability review can be reviewed.");
        }
        if (suitable)
        {
            MoveTo(ReferralStatus.ScreeningPanel, by, nowUtc, string.IsNullOrWhiteSpace(note) ? "Initially suitable: to the screening panel" : note);
        }
        else
        {
            MarkNotSuitable(notSuitableReason ?? throw new DomainException("Select why the referral is not suitable."), note, signpostingIds ?? [], by, nowUtc);
        }
    }

    /// <summary>Closes the referral as not suitable, with a reason and the services the person is pointed to.</summary>
    public void MarkNotSuitable(ClosureReason reason, string? note, IReadOnlyCollection<int> signpostingIds, Actor by, DateTime nowUtc)
    {
        if (reason is Referrals.ClosureReason.NoResponseToContact or Referrals.ClosureReason.DuplicateReferral or Referrals.ClosureReason.DeclinedService)
        {
            throw new DomainException("Select a reason that says why the programme is not suitable.");
        }
        if (reason is Referrals.ClosureReason.Other && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Give the reason the referral is not suitable.");
        }
        MoveTo(ReferralStatus.NotSuitable, by, nowUtc, $"Not suitable: {reason}");
        ClosureReason = reason;
        ClosureNote = Trimmed(note);
        foreach (var id in signpostingIds.Distinct())
        {
            Signposting.Add(new ReferralSignposting { SignpostingEntryId = id, Stage = SignpostingStage.Screening, AtUtc = nowUtc, ByUserId = by.UserId });
        }
    }

    /// <summary>Accepted (by screening or the panel): the waiting time starts now.</summary>
    public void PlaceOnWaitingList(Actor by, DateTime nowUtc, string reason)
    {
        MoveTo(ReferralStatus.WaitingForAssessment, by, nowUtc, reason);
        WaitingSinceUtc ??= nowUtc;
    }

    /// <summary>A supervisor marks (or unmarks) a waiting referral as a priority.</summary>
    public void SetPriority(bool priority, string? reason, Actor by, DateTime nowUtc)
    {
        if (!by.IsSupervisor)
        {
            throw new DomainException("Only a supervisor can set a referral's priority.");
        }
        if (Status != ReferralStatus.WaitingForAssessment)
        {
            throw new DomainException("Priority can be set only while the referral is waiting for assessment.");
        }
        if (priority && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Give the reason this referral is a priority.");
        }
        IsPriority = priority;
        PriorityReason = priority ? reason!.Trim() : null;
        StatusChanges.Add(new ReferralStatusChange
        {
            From = Status,
            To = Status,
            AtUtc = nowUtc,
            ByUserId = by.UserId,
            ByName = by.Name,
            Reason = priority ? $"Marked as priority: {PriorityReason}" : "Priority removed",
        });
        ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>Allocates to one therapist, or two co-therapists (the first leads).</summary>
    public void Allocate(IReadOnlyList<string> therapistUserIds, Actor by, DateTime nowUtc)
    {
        if (therapistUserIds.Count is < 1 or > 2)
        {
            throw new DomainException("Choose one therapist, or two co-therapists.");
        }
        if (therapistUserIds.Count == 2 && therapistUserIds[0] == therapistUserIds[1])
        {
            throw new DomainException("Choose two different co-therapists.");
        }
        MoveTo(ReferralStatus.Allocated, by, nowUtc, therapistUserIds.Count == 2 ? "Allocated to co-therapists" : "Allocated");
        AllocatedAtUtc = nowUtc;
        for (var i = 0; i < therapistUserIds.Count; i++)
        {
            Allocations.Add(new CaseAllocation
            {
                TherapistUserId = therapistUserIds[i],
                Role = i == 0 ? AllocationRole.Lead : AllocationRole.CoTherapist,
                AllocatedAtUtc = nowUtc,
                AllocatedByUserId = by.UserId,
            });
        }
    }

    /// <summary>Records the coordinator's decision about a possible duplicate (another open referral for the same person).</summary>
    public DuplicateReview ReviewDuplicate(Referral other, DuplicateDecision decision, Actor by, DateTime nowUtc)
    {
        if (other.Id == Id)
        {
            throw new DomainException("A referral cannot be a duplicate of itself.");
        }
        var existing = DuplicateReviews.FirstOrDefault(d => d.OtherReferralId == other.Id);
        if (existing is not null)
        {
            existing.Decision = decision;
            existing.AtUtc = nowUtc;
            existing.ByUserId = by.UserId;
            ConcurrencyStamp = Guid.NewGuid();
            return existing;
        }
        var review = new DuplicateReview { OtherReferralId = other.Id, Decision = decision, AtUtc = nowUtc, ByUserId = by.UserId };
        DuplicateReviews.Add(review);
        ConcurrencyStamp = Guid.NewGuid();
        return review;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One move of a referral (or a change such as priority): who, when, why.</summary>
public class ReferralStatusChange
{
    public long Id { get; set; }
    public int ReferralId { get; set; }
    public ReferralStatus From { get; set; }
    public ReferralStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public string ByUserId { get; set; } = "";
    public string ByName { get; set; } = "";
    public string? Reason { get; set; }
}

/// <summary>One screening of a referral against its programme's criteria (the criterion text is kept as it was).</summary>
public class Screening
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public DateTime AtUtc { get; set; }
    public string ByUserId { get; set; } = "";
    public string ByName { get; set; } = "";
    public ScreeningOutcome Outcome { get; set; }
    public string? Notes { get; set; }
    public string? OverrideByUserId { get; set; }
    public string? OverrideByName { get; set; }
    public string? OverrideReason { get; set; }
    public List<ScreeningCriterionResult> Results { get; set; } = [];
}

public class ScreeningCriterionResult
{
    public int Id { get; set; }
    public int ScreeningId { get; set; }
    public int CriterionId { get; set; }
    public CriterionKind Kind { get; set; }
    public string CriterionText { get; set; } = "";
    public bool Met { get; set; }
}

public enum SignpostingStage
{
    Screening = 1,
    Ending = 2,
}

/// <summary>A directory entry the person was pointed to, and when.</summary>
public class ReferralSignposting
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public int SignpostingEntryId { get; set; }
    public SignpostingStage Stage { get; set; }
    public DateTime AtUtc { get; set; }
    public string ByUserId { get; set; } = "";
}

/// <summary>A therapist allocated to a case; ended when the allocation changes or the case closes.</summary>
public class CaseAllocation
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public string TherapistUserId { get; set; } = "";
    public AllocationRole Role { get; set; }
    public DateTime AllocatedAtUtc { get; set; }
    public string AllocatedByUserId { get; set; } = "";
    public DateTime? EndedAtUtc { get; set; }
}

/// <summary>A coordinator's decision about another open referral that looks like the same person.</summary>
public class DuplicateReview
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public int OtherReferralId { get; set; }
    public DuplicateDecision Decision { get; set; }
    public DateTime AtUtc { get; set; }
    public string ByUserId { get; set; } = "";
}
