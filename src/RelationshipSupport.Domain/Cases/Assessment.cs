using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Domain.Cases;

/// <summary>
/// An assessment of one person (individual) or of a couple (joint), written by the case's therapist and signed off
/// (or returned with comments) by a supervisor. Therapy can be offered only once every assessment the programme
/// requires is signed off.
/// </summary>
public class Assessment
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public AssessmentKind Kind { get; set; }
    /// <summary>The person assessed, for an individual assessment; null for a joint one.</summary>
    public int? PersonId { get; set; }

    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public AssessmentStatus Status { get; set; } = AssessmentStatus.Draft;

    public DateOnly? HeldOn { get; set; }
    public SessionMode? Mode { get; set; }
    public string? PresentingIssue { get; set; }
    public string? RelationshipHistory { get; set; }
    public string? Children { get; set; }
    public string? ExpectationsAgreed { get; set; }
    public string? Goals { get; set; }
    public AssessmentRecommendation? Recommendation { get; set; }
    public string? RecommendationNote { get; set; }

    public List<AssessmentRisk> Risks { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    /// <summary>The supervisor's comments when returning it (or signing it off with a remark).</summary>
    public string? SupervisorComments { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool IsEditable => Status is AssessmentStatus.Draft or AssessmentStatus.Returned;

    public RiskLevel HighestRisk => Risks.Count == 0 ? RiskLevel.None : Risks.Max(r => r.Level);

    /// <summary>Sets the risk rating of each area (every area must be rated before submitting).</summary>
    public void RateRisk(RiskArea area, RiskLevel level, string? notes)
    {
        var existing = Risks.SingleOrDefault(r => r.Area == area);
        if (existing is null)
        {
            Risks.Add(new AssessmentRisk { Area = area, Level = level, Notes = Clean(notes) });
        }
        else
        {
            existing.Level = level;
            existing.Notes = Clean(notes);
        }
    }

    /// <summary>Only the author changes a draft or a returned assessment.</summary>
    public void EnsureEditableBy(string userId)
    {
        if (userId != AuthorUserId)
        {
            throw new DomainException("Only the therapist who wrote this assessment can change it.");
        }
        if (!IsEditable)
        {
            throw new DomainException(Status == AssessmentStatus.SignedOff
                ? "This assessment has been signed off and can no longer be changed."
                : "This assessment is waiting for a supervisor's sign-off and cannot be changed until it is returned.");
        }
    }

    /// <summary>Sends it to a supervisor; everything a supervisor needs must be filled in.</summary>
    public void Submit(string byUserId, DateTime nowUtc)
    {
        EnsureEditableBy(byUserId);
        var missing = new List<string>();
        if (HeldOn is null) missing.Add("the date");
        if (Mode is null) missing.Add("the mode");
        if (string.IsNullOrWhiteSpace(PresentingIssue)) missing.Add("the presenting issue");
        if (string.IsNullOrWhiteSpace(Goals)) missing.Add("the goals");
        if (string.IsNullOrWhiteSpace(ExpectationsAgreed)) missing.Add("the expectations agreed");
        if (Recommendation is null) missing.Add("a recommendation");
        var unrated = Enum.GetValues<RiskArea>().Where(a => Risks.All(r => r.Area != a)).ToList();
        if (unrated.Count > 0) missing.Add("a risk level for every area");
        if (missing.Count > 0)
        {
            throw new DomainException("Before submitting, add " + string.Join(", ", missing) + ".");
        }
        Status = AssessmentStatus.Submitted;
        SubmittedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public void SignOff(Actor supervisor, string? comments, DateTime nowUtc) => Decide(supervisor, AssessmentStatus.SignedOff, comments, nowUtc);

    public void Return(Actor supervisor, string comments, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(comments))
        {
            throw new DomainException("Say what needs to change before returning the assessment.");
        }
        Decide(supervisor, AssessmentStatus.Returned, comments, nowUtc);
    }

    private void Decide(Actor supervisor, AssessmentStatus to, string? comments, DateTime nowUtc)
    {
        if (!supervisor.IsSupervisor)
        {
            throw new DomainException("Only a supervisor can sign off or return an assessment.");
        }
        if (supervisor.UserId == AuthorUserId)
        {
            throw new DomainException("A supervisor cannot sign off their own assessment.");
        }
        if (Status != AssessmentStatus.Submitted)
        {
            throw new DomainException("Only a submitted assessment can be signed off or returned.");
        }
        Status = to;
        DecidedByUserId = supervisor.UserId;
        DecidedByName = supervisor.Name;
        DecidedAtUtc = nowUtc;
        SupervisorComments = Clean(comments);
        UpdatedAtUtc = nowUtc;
        ConcurrencyStamp = Guid.NewGuid();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One area's risk level and notes in an assessment.</summary>
public class AssessmentRisk
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public RiskArea Area { get; set; }
    public RiskLevel Level { get; set; }
    public string? Notes { get; set; }
}
