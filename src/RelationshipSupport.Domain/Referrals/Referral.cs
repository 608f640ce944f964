using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Domain.Referrals;

/// <summary>
/// A referral into a programme: the person or couple, how to contact them safely, what they ask for,
/// their consents and their answers to the exclusion screening questions.
/// </summary>
public partial class Referral
{
    public int Id { get; set; }

    /// <summary>Non-guessable reference given to the person (e.g. <c>RS-7KQ4-2M9P</c>).</summary>
    public string Reference { get; set; } = "";

    /// <summary>Identifies one filling-in of a form, so a repeated POST creates one referral.</summary>
    public Guid SubmissionId { get; set; }

    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int? HubId { get; set; }
    public Hub? Hub { get; set; }

    public ReferralRoute Route { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Received;
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime? LastContactAtUtc { get; set; }

    public ClientType ClientType { get; set; }
    public string Difficulty { get; set; } = "";
    public CounsellingKinds CounsellingKinds { get; set; }
    public Availability Availability { get; set; }
    public string? AvailabilityNotes { get; set; }
    public SessionFormat Format { get; set; }

    public ScreeningAnswer DomesticAbuse { get; set; }
    public ScreeningAnswer SevereMentalIllness { get; set; }
    public ScreeningAnswer SubstanceMisuse { get; set; }

    /// <summary>Set when any exclusion answer is other than "no": a coordinator must look at it first.</summary>
    public bool RiskFlag { get; set; }

    // Professional referrer (parents programme)
    public string? ReferrerName { get; set; }
    public ReferrerRole? ReferrerRole { get; set; }
    public string? ReferrerRoleOther { get; set; }
    public string? ReferrerOrganisation { get; set; }
    public string? ReferrerEmail { get; set; }
    public string? ReferrerPhone { get; set; }
    public bool FamilyConsentConfirmed { get; set; }
    public bool ReferrerMayBeUpdated { get; set; }

    /// <summary>Changes on every update; a stale value means someone else changed the referral.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<ReferralPerson> People { get; set; } = [];
    public List<ReferralChild> Children { get; set; } = [];
    public List<ContactAttempt> ContactAttempts { get; set; } = [];
    public List<ReferralStatusChange> StatusChanges { get; set; } = [];
    public List<Screening> Screenings { get; set; } = [];
    public List<ReferralSignposting> Signposting { get; set; } = [];
    public List<CaseAllocation> Allocations { get; set; } = [];
    public List<DuplicateReview> DuplicateReviews { get; set; } = [];

    public ReferralPerson Primary => People.Single(p => p.Role == PersonRole.Primary);
    public ReferralPerson? Partner => People.SingleOrDefault(p => p.Role == PersonRole.Partner);

    public static bool IndicatesRisk(ScreeningAnswer domesticAbuse, ScreeningAnswer severeMentalIllness, ScreeningAnswer substanceMisuse) =>
        domesticAbuse != ScreeningAnswer.No || severeMentalIllness != ScreeningAnswer.No || substanceMisuse != ScreeningAnswer.No;

    public void FlagRiskFromScreening() => RiskFlag = IndicatesRisk(DomesticAbuse, SevereMentalIllness, SubstanceMisuse);

    public bool IsOpen => ReferralWorkflow.IsOpen(Status);

    /// <summary>Records an attempt to reach the person; the first attempt moves a new referral to "contacting".</summary>
    public ContactAttempt RecordContactAttempt(DateTime atUtc, ContactMethod method, ContactOutcome outcome, string? note, Actor by, DateTime nowUtc)
    {
        var recordedByUserId = by.UserId;
        if (!IsOpen)
        {
            throw new DomainException("Contact attempts cannot be recorded on a closed or withdrawn referral.");
        }
        if (atUtc > nowUtc.AddMinutes(5))
        {
            throw new DomainException("A contact attempt cannot be in the future.");
        }
        if (atUtc < ReceivedAtUtc.AddMinutes(-5))
        {
            throw new DomainException("A contact attempt cannot be before the referral was received.");
        }

        var attempt = new ContactAttempt
        {
            AtUtc = atUtc,
            Method = method,
            Outcome = outcome,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RecordedByUserId = recordedByUserId,
            RecordedAtUtc = nowUtc,
        };
        ContactAttempts.Add(attempt);
        if (Status == ReferralStatus.Received)
        {
            MoveTo(ReferralStatus.Contacting, by, nowUtc, "First contact attempt");
        }
        if (LastContactAtUtc is null || atUtc > LastContactAtUtc)
        {
            LastContactAtUtc = atUtc;
        }
        ConcurrencyStamp = Guid.NewGuid();
        return attempt;
    }

    /// <summary>Days since the referral arrived, in UK calendar days.</summary>
    public int AgeInDays(DateTime nowUtc) => UkTime.DaysBetween(ReceivedAtUtc, nowUtc);
}

public class ReferralPerson
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public PersonRole Role { get; set; }

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly? DateOfBirth { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public PreferredContact PreferredContact { get; set; }
    public string? SafeContactTimes { get; set; }
    public bool MayLeaveMessages { get; set; }

    public string? Employer { get; set; }
    public string? JobRole { get; set; }

    /// <summary>NHS Data Dictionary ethnic category code, null when not asked.</summary>
    public string? EthnicCategory { get; set; }
    /// <summary>NHS Data Dictionary gender identity code, null when not asked.</summary>
    public string? GenderIdentity { get; set; }

    // Demographics for the evaluation report, asked at the individual assessment (or imported); null when not given.
    public MaritalStatus? MaritalStatus { get; set; }
    /// <summary>Whole years in the current relationship, as the person gave it.</summary>
    public int? RelationshipLengthYears { get; set; }
    public Qualification? HighestQualification { get; set; }
    public Employment? Employment { get; set; }

    public bool ConsentToService { get; set; }
    /// <summary>Separate, optional consent to anonymised use in evaluation reports.</summary>
    public bool ConsentToEvaluation { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>Lower-case, accent-free first name: what name searches compare (an indexed range, not a scan).</summary>
    public string SearchFirstName { get; set; } = "";
    public string SearchLastName { get; set; } = "";
    /// <summary>Lower-case email, for spotting repeat referrals.</summary>
    public string? EmailKey { get; set; }
    /// <summary>Phone digits in national form (07700900123), for spotting repeat referrals.</summary>
    public string? PhoneKey { get; set; }

    /// <summary>Recomputes the search and duplicate keys from the names, email and phone (called on every save).</summary>
    public void UpdateSearchKeys()
    {
        SearchFirstName = SearchKeys.Name(FirstName);
        SearchLastName = SearchKeys.Name(LastName);
        EmailKey = SearchKeys.Email(Email);
        PhoneKey = SearchKeys.Phone(Phone);
    }
}

public class ReferralChild
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public string FirstName { get; set; } = "";
    public int AgeYears { get; set; }
    public bool LivesWithReferredParents { get; set; }
}

public class ContactAttempt
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public DateTime AtUtc { get; set; }
    public ContactMethod Method { get; set; }
    public ContactOutcome Outcome { get; set; }
    public string? Note { get; set; }
    public string RecordedByUserId { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}
