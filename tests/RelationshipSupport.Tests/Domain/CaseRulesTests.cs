using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Tests.Domain;

/// <summary>
/// The case rules of issue 4 without a database: required assessments and the supervisor's sign-off, the offer of
/// therapy, sessions (range, length, venue, therapists, double-booking), extra sessions, attendance, note locks and
/// the ending. The expected values come from the issue's text, not from running the code.
/// </summary>
public sealed class CaseRulesTests
{
    /// <summary>Wednesday 4 November 2026, 10:00 (GMT: UK time equals UTC).</summary>
    private static readonly DateTime Now = new(2026, 11, 4, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Lead = new("ther-1", "Terry Therapist");
    private static readonly Actor Co = new("ther-2", "Cleo Cotherapist");
    private static readonly Actor Outsider = new("ther-9", "Olive Other");
    private static readonly Actor Supervisor = new("super-1", "Sam Supervisor", IsSupervisor: true);
    private const int PrimaryId = 31;
    private const int PartnerId = 32;

    private static Programme Programme(bool individualForCouples = false, int maxSessions = 6, int maxMinutes = 60) => new()
    {
        Id = 1,
        Code = "test",
        MinSessions = 4,
        MaxSessions = maxSessions,
        MaxSessionMinutes = maxMinutes,
        IndividualAssessmentsForCouples = individualForCouples,
    };

    private static Referral Case(ClientType type = ClientType.Couple, ReferralStatus status = ReferralStatus.Allocated, bool withCoTherapist = false)
    {
        var referral = new Referral
        {
            Id = 7,
            Reference = "RS-2345-6789",
            ProgrammeId = 1,
            ClientType = type,
            Status = status,
            ReceivedAtUtc = Now.AddDays(-60),
            AllocatedAtUtc = Now.AddDays(-20),
            People = [new ReferralPerson { Id = PrimaryId, Role = PersonRole.Primary, FirstName = "Alex", LastName = "Example" }],
            Allocations = [new CaseAllocation { TherapistUserId = Lead.UserId, Role = AllocationRole.Lead, AllocatedAtUtc = Now.AddDays(-20) }],
        };
        if (type == ClientType.Couple)
        {
            // Partner first: the order of the people must not matter.
            referral.People.Insert(0, new ReferralPerson { Id = PartnerId, Role = PersonRole.Partner, FirstName = "Sam", LastName = "Example" });
        }
        if (withCoTherapist)
        {
            referral.Allocations.Add(new CaseAllocation { TherapistUserId = Co.UserId, Role = AllocationRole.CoTherapist, AllocatedAtUtc = Now.AddDays(-20) });
        }
        return referral;
    }

    private static Referral InTherapy(ClientType type = ClientType.Couple, bool withCoTherapist = false) =>
        Case(type, ReferralStatus.InTherapy, withCoTherapist);

    private static void Complete(Assessment assessment, AssessmentRecommendation recommendation = AssessmentRecommendation.OfferTherapy)
    {
        assessment.HeldOn = new DateOnly(2026, 11, 3);
        assessment.Mode = SessionMode.Video;
        assessment.PresentingIssue = "Arguments about the children";
        assessment.RelationshipHistory = "Together 12 years";
        assessment.Children = "Two, aged 6 and 9";
        assessment.ExpectationsAgreed = "Weekly sessions, evenings";
        assessment.Goals = "Communicate without shouting";
        assessment.Recommendation = recommendation;
        foreach (var area in Enum.GetValues<RiskArea>()) assessment.RateRisk(area, RiskLevel.Low, null);
    }

    private static Assessment Submitted(Referral referral, Programme programme, AssessmentKind kind, int? personId,
        AssessmentRecommendation recommendation = AssessmentRecommendation.OfferTherapy)
    {
        var assessment = referral.StartAssessment(programme, kind, personId, Lead, Now);
        Complete(assessment, recommendation);
        assessment.Submit(Lead.UserId, Now);
        return assessment;
    }

    private static TherapySession Schedule(Referral referral, Programme programme, DateTime startsAtUtc, int minutes = 50,
        string therapist = "ther-1", string? coTherapist = null, IEnumerable<TherapySession>? others = null,
        SessionClients clients = SessionClients.Both) =>
        referral.ScheduleSession(programme, startsAtUtc, minutes, SessionMode.Video, null, therapist, coTherapist, clients, others ?? [], Lead, Now);

    /// <summary>Weekly sessions from next Monday 18:00, so none overlaps another.</summary>
    private static DateTime Week(int n) => new DateTime(2026, 11, 9, 18, 0, 0, DateTimeKind.Utc).AddDays(7 * n);

    // ---- Required assessments -------------------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_individual_client_has_one_individual_assessment_whatever_the_programme_asks_of_couples(bool individualForCouples)
    {
        var required = Case(ClientType.Individual).RequiredAssessments(Programme(individualForCouples));

        Assert.Equal([(AssessmentKind.Individual, (int?)PrimaryId)], required);
    }

    [Fact]
    public void A_couple_has_a_joint_assessment_only_when_the_programme_does_not_ask_for_individual_ones()
    {
        var required = Case().RequiredAssessments(Programme(individualForCouples: false));

        Assert.Equal([(AssessmentKind.Joint, (int?)null)], required);
    }

    [Fact]
    public void A_couple_has_a_joint_assessment_and_one_per_partner_when_the_programme_asks_for_individual_ones()
    {
        var required = Case().RequiredAssessments(Programme(individualForCouples: true));

        Assert.Equal(3, required.Count);
        Assert.Equal(
            new HashSet<(AssessmentKind, int?)> { (AssessmentKind.Individual, PrimaryId), (AssessmentKind.Individual, PartnerId), (AssessmentKind.Joint, null) },
            required.ToHashSet());
    }

    [Fact]
    public void Only_a_required_assessment_is_started_once_by_the_cases_therapist_before_therapy()
    {
        var programme = Programme();
        var referral = Case();

        var notRequired = Assert.Throws<DomainException>(() => referral.StartAssessment(programme, AssessmentKind.Individual, PrimaryId, Lead, Now));
        var outsider = Assert.Throws<DomainException>(() => referral.StartAssessment(programme, AssessmentKind.Joint, null, Outsider, Now));
        var joint = referral.StartAssessment(programme, AssessmentKind.Joint, null, Lead, Now);
        var twice = Assert.Throws<DomainException>(() => referral.StartAssessment(programme, AssessmentKind.Joint, null, Lead, Now));

        Assert.Equal("This programme does not hold that assessment for this case.", notRequired.Message);
        Assert.Equal("Only the case's therapists can do this.", outsider.Message);
        Assert.Equal("That assessment has already been started.", twice.Message);
        Assert.Equal((AssessmentStatus.Draft, "ther-1", "Terry Therapist"), (joint.Status, joint.AuthorUserId, joint.AuthorName));
        Assert.Single(referral.Assessments);
        Assert.Throws<DomainException>(() => InTherapy().StartAssessment(programme, AssessmentKind.Joint, null, Lead, Now));
    }

    // ---- Assessment: submit, edit, sign-off -----------------------------------------------------------------

    [Fact]
    public void An_empty_assessment_cannot_be_submitted_and_every_missing_part_is_named()
    {
        var assessment = Case().StartAssessment(Programme(), AssessmentKind.Joint, null, Lead, Now);

        var ex = Assert.Throws<DomainException>(() => assessment.Submit(Lead.UserId, Now));

        foreach (var part in new[] { "the date", "the mode", "the presenting issue", "the goals", "the expectations agreed", "a recommendation", "a risk level for every area" })
        {
            Assert.Contains(part, ex.Message);
        }
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.Null(assessment.SubmittedAtUtc);
    }

    [Theory]
    [InlineData("date", "the date")]
    [InlineData("mode", "the mode")]
    [InlineData("issue", "the presenting issue")]
    [InlineData("goals", "the goals")]
    [InlineData("expectations", "the expectations agreed")]
    [InlineData("recommendation", "a recommendation")]
    [InlineData("risk", "a risk level for every area")]
    public void An_assessment_missing_one_part_is_refused_naming_that_part_only(string leaveOut, string named)
    {
        var assessment = Case().StartAssessment(Programme(), AssessmentKind.Joint, null, Lead, Now);
        Complete(assessment);
        switch (leaveOut)
        {
            case "date": assessment.HeldOn = null; break;
            case "mode": assessment.Mode = null; break;
            case "issue": assessment.PresentingIssue = "  "; break;
            case "goals": assessment.Goals = null; break;
            case "expectations": assessment.ExpectationsAgreed = ""; break;
            case "recommendation": assessment.Recommendation = null; break;
            case "risk": assessment.Risks.RemoveAll(r => r.Area == RiskArea.SafeguardingChildren); break;
        }

        var ex = Assert.Throws<DomainException>(() => assessment.Submit(Lead.UserId, Now));

        Assert.Equal($"Before submitting, add {named}.", ex.Message);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
    }

    [Fact]
    public void A_complete_assessment_is_submitted_by_its_author_only()
    {
        var assessment = Case(withCoTherapist: true).StartAssessment(Programme(), AssessmentKind.Joint, null, Lead, Now);
        Complete(assessment);

        var byCo = Assert.Throws<DomainException>(() => assessment.Submit(Co.UserId, Now));
        assessment.Submit(Lead.UserId, Now.AddMinutes(5));

        Assert.Equal("Only the therapist who wrote this assessment can change it.", byCo.Message);
        Assert.Equal((AssessmentStatus.Submitted, (DateTime?)Now.AddMinutes(5)), (assessment.Status, assessment.SubmittedAtUtc));
    }

    [Fact]
    public void Only_a_draft_or_returned_assessment_can_be_edited_and_only_by_its_author()
    {
        var programme = Programme();
        var assessment = Case(withCoTherapist: true).StartAssessment(programme, AssessmentKind.Joint, null, Lead, Now);

        assessment.EnsureEditableBy(Lead.UserId); // draft: the author may
        Assert.Throws<DomainException>(() => assessment.EnsureEditableBy(Co.UserId));

        Complete(assessment);
        assessment.Submit(Lead.UserId, Now);
        Assert.Throws<DomainException>(() => assessment.EnsureEditableBy(Lead.UserId));

        assessment.Return(Supervisor, "Say more about the risk to the children", Now);
        assessment.EnsureEditableBy(Lead.UserId); // returned: the author may again
        Assert.Throws<DomainException>(() => assessment.EnsureEditableBy(Co.UserId));

        assessment.Submit(Lead.UserId, Now);
        assessment.SignOff(Supervisor, null, Now);
        var signedOff = Assert.Throws<DomainException>(() => assessment.EnsureEditableBy(Lead.UserId));
        Assert.Equal("This assessment has been signed off and can no longer be changed.", signedOff.Message);
        Assert.Throws<DomainException>(() => assessment.Submit(Lead.UserId, Now));
    }

    [Fact]
    public void A_supervisor_signs_off_a_submitted_assessment_and_who_and_when_are_recorded()
    {
        var assessment = Submitted(Case(), Programme(), AssessmentKind.Joint, null);

        assessment.SignOff(Supervisor, "  Good  ", Now.AddHours(2));

        Assert.Equal(AssessmentStatus.SignedOff, assessment.Status);
        Assert.Equal(("super-1", "Sam Supervisor", (DateTime?)Now.AddHours(2), "Good"),
            (assessment.DecidedByUserId, assessment.DecidedByName, assessment.DecidedAtUtc, assessment.SupervisorComments));
    }

    [Fact]
    public void Sign_off_is_refused_to_a_non_supervisor_to_the_author_and_for_an_assessment_not_submitted()
    {
        var programme = Programme();
        var referral = Case();
        var draft = referral.StartAssessment(programme, AssessmentKind.Joint, null, Lead, Now);
        var ownAuthor = new Actor(Lead.UserId, Lead.Name, IsSupervisor: true);

        var notSubmitted = Assert.Throws<DomainException>(() => draft.SignOff(Supervisor, null, Now));
        Complete(draft);
        draft.Submit(Lead.UserId, Now);
        var notSupervisor = Assert.Throws<DomainException>(() => draft.SignOff(Co, null, Now));
        var own = Assert.Throws<DomainException>(() => draft.SignOff(ownAuthor, null, Now));

        Assert.Equal("Only a submitted assessment can be signed off or returned.", notSubmitted.Message);
        Assert.Equal("Only a supervisor can sign off or return an assessment.", notSupervisor.Message);
        Assert.Equal("A supervisor cannot sign off their own assessment.", own.Message);
        Assert.Equal(AssessmentStatus.Submitted, draft.Status);
        Assert.Null(draft.DecidedByUserId);

        draft.SignOff(Supervisor, null, Now);
        Assert.Throws<DomainException>(() => draft.SignOff(Supervisor, null, Now));
        Assert.Throws<DomainException>(() => draft.Return(Supervisor, "Too late", Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Returning_an_assessment_needs_comments(string comments)
    {
        var assessment = Submitted(Case(), Programme(), AssessmentKind.Joint, null);

        var ex = Assert.Throws<DomainException>(() => assessment.Return(Supervisor, comments, Now));
        assessment.Return(Supervisor, " Add the children's ages ", Now);

        Assert.Equal("Say what needs to change before returning the assessment.", ex.Message);
        Assert.Equal((AssessmentStatus.Returned, "Add the children's ages"), (assessment.Status, assessment.SupervisorComments));
    }

    // ---- Offer of therapy ---------------------------------------------------------------------------------------

    [Fact]
    public void Therapy_is_offered_only_when_every_required_assessment_is_signed_off()
    {
        var programme = Programme(individualForCouples: true);
        var referral = Case();
        var joint = Submitted(referral, programme, AssessmentKind.Joint, null);
        var primary = Submitted(referral, programme, AssessmentKind.Individual, PrimaryId);
        joint.SignOff(Supervisor, null, Now);
        primary.SignOff(Supervisor, null, Now);

        // The partner's individual assessment has not been started yet.
        var missing = Assert.Throws<DomainException>(() => referral.OfferTherapy(programme, Lead, Now));
        var partner = Submitted(referral, programme, AssessmentKind.Individual, PartnerId);
        // Submitted, not yet signed off.
        var waiting = Assert.Throws<DomainException>(() => referral.OfferTherapy(programme, Lead, Now));
        partner.SignOff(Supervisor, null, Now);
        var byOutsider = Assert.Throws<DomainException>(() => referral.OfferTherapy(programme, Outsider, Now));
        referral.OfferTherapy(programme, Lead, Now.AddHours(1));

        Assert.Equal("Therapy can be offered only when every assessment has been signed off by a supervisor.", missing.Message);
        Assert.Equal(missing.Message, waiting.Message);
        Assert.Equal("Only the case's therapists can do this.", byOutsider.Message);
        Assert.Equal((ReferralStatus.InTherapy, (DateTime?)Now.AddHours(1)), (referral.Status, referral.TherapyOfferedAtUtc));
        var change = Assert.Single(referral.StatusChanges);
        Assert.Equal((ReferralStatus.Allocated, ReferralStatus.InTherapy, "ther-1"), (change.From, change.To, change.ByUserId));
    }

    [Fact]
    public void Therapy_is_not_offered_when_a_signed_off_assessment_recommends_referring_elsewhere()
    {
        var programme = Programme(individualForCouples: true);
        var referral = Case();
        Submitted(referral, programme, AssessmentKind.Joint, null).SignOff(Supervisor, null, Now);
        Submitted(referral, programme, AssessmentKind.Individual, PrimaryId).SignOff(Supervisor, null, Now);
        Submitted(referral, programme, AssessmentKind.Individual, PartnerId, AssessmentRecommendation.ReferElsewhere).SignOff(Supervisor, null, Now);

        var ex = Assert.Throws<DomainException>(() => referral.OfferTherapy(programme, Lead, Now));

        Assert.Equal("An assessment recommends referring elsewhere: end the case with signposting instead.", ex.Message);
        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Null(referral.TherapyOfferedAtUtc);
    }

    // ---- Sessions -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(ReferralStatus.Allocated)]
    [InlineData(ReferralStatus.Ended)]
    public void Sessions_are_scheduled_only_in_therapy(ReferralStatus status)
    {
        var referral = Case(status: status);

        Assert.Throws<DomainException>(() => Schedule(referral, Programme(), Week(0)));
        Assert.Empty(referral.Sessions);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    [InlineData(-30, false)]
    public void A_session_lasts_from_one_minute_to_the_programmes_maximum(int minutes, bool allowed)
    {
        var referral = InTherapy();
        var programme = Programme(maxMinutes: 90);

        if (allowed)
        {
            Assert.Equal(minutes, Schedule(referral, programme, Week(0), minutes).Minutes);
        }
        else
        {
            var ex = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0), minutes));
            Assert.Equal("A session lasts at most 90 minutes on this programme.", ex.Message);
            Assert.Empty(referral.Sessions);
        }
    }

    [Fact]
    public void A_session_in_person_needs_a_venue_and_other_modes_keep_none()
    {
        var referral = InTherapy();
        var programme = Programme();

        var noVenue = Assert.Throws<DomainException>(() =>
            referral.ScheduleSession(programme, Week(0), 50, SessionMode.InPerson, "  ", Lead.UserId, null, SessionClients.Both, [], Lead, Now));
        var inPerson = referral.ScheduleSession(programme, Week(0), 50, SessionMode.InPerson, " Room 2, Leeds hub ", Lead.UserId, null, SessionClients.Both, [], Lead, Now);
        var phone = referral.ScheduleSession(programme, Week(1), 50, SessionMode.Phone, "Room 2", Lead.UserId, null, SessionClients.Both, [], Lead, Now);

        Assert.Equal("Enter the venue for a session in person.", noVenue.Message);
        Assert.Equal("Room 2, Leeds hub", inPerson.Venue);
        Assert.Null(phone.Venue);
    }

    [Fact]
    public void A_session_is_held_by_the_cases_therapists_only()
    {
        var referral = InTherapy(withCoTherapist: true);
        var programme = Programme();

        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0), therapist: Outsider.UserId));
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0), coTherapist: Outsider.UserId));
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0), coTherapist: Lead.UserId));
        Assert.Throws<DomainException>(() =>
            referral.ScheduleSession(programme, Week(0), 50, SessionMode.Video, null, Lead.UserId, null, SessionClients.Both, [], Outsider, Now));
        var both = Schedule(referral, programme, Week(0), coTherapist: Co.UserId);
        var coLeads = Schedule(referral, programme, Week(1), therapist: Co.UserId);

        Assert.Equal(("ther-1", "ther-2"), (both.TherapistUserId, both.CoTherapistUserId));
        Assert.Equal("ther-2", coLeads.TherapistUserId);
        Assert.Equal(2, referral.Sessions.Count);
    }

    [Fact]
    public void A_therapist_reallocated_away_no_longer_holds_the_cases_sessions()
    {
        var referral = InTherapy(withCoTherapist: true);
        referral.Allocations.Single(a => a.TherapistUserId == Co.UserId).EndedAtUtc = Now.AddDays(-1);

        Assert.Throws<DomainException>(() => Schedule(referral, Programme(), Week(0), coTherapist: Co.UserId));
    }

    [Theory]
    [InlineData(SessionClients.Both)]
    [InlineData(SessionClients.PartnerOnly)]
    public void An_individual_cases_sessions_are_for_the_client_only(SessionClients clients)
    {
        var referral = InTherapy(ClientType.Individual);
        var programme = Programme();

        var ex = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0), clients: clients));
        var session = Schedule(referral, programme, Week(0), clients: SessionClients.PrimaryOnly);

        Assert.Equal("An individual case's sessions are for the client only.", ex.Message);
        Assert.Equal(SessionClients.PrimaryOnly, session.ClientsExpected);
    }

    [Theory]
    [InlineData(SessionClients.Both)]
    [InlineData(SessionClients.PrimaryOnly)]
    [InlineData(SessionClients.PartnerOnly)]
    public void A_couples_session_may_be_for_both_or_one_partner(SessionClients clients)
    {
        Assert.Equal(clients, Schedule(InTherapy(), Programme(), Week(0), clients: clients).ClientsExpected);
    }

    [Fact]
    public void The_session_after_the_programmes_maximum_is_refused_until_extra_sessions_are_approved_then_marked_extra()
    {
        var referral = InTherapy();
        var programme = Programme(maxSessions: 6);
        var within = Enumerable.Range(0, 6).Select(i => Schedule(referral, programme, Week(i))).ToList();

        var seventh = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(6)));
        var request = referral.RequestExtraSessions(2, "Progress on co-parenting; two more to consolidate", Lead, Now);
        // Still refused while the request waits.
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(6)));
        request.Decide(Supervisor, approve: true, null, Now);
        var extra7 = Schedule(referral, programme, Week(6));
        var extra8 = Schedule(referral, programme, Week(7));
        var ninth = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(8)));

        Assert.All(within, s => Assert.False(s.IsExtra));
        Assert.Equal("This case has used 6 of 6 sessions. More need a supervisor's approval: request extra sessions first.", seventh.Message);
        Assert.True(extra7.IsExtra);
        Assert.True(extra8.IsExtra);
        Assert.Equal("This case has used 8 of 8 sessions. More need a supervisor's approval: request extra sessions first.", ninth.Message);
        Assert.Equal(8, referral.SessionsUsed);
        Assert.Equal(8, referral.SessionAllowance(programme));
    }

    [Fact]
    public void A_declined_request_gives_no_extra_sessions()
    {
        var referral = InTherapy();
        var programme = Programme(maxSessions: 4);
        for (var i = 0; i < 4; i++) Schedule(referral, programme, Week(i));

        referral.RequestExtraSessions(3, "More time", Lead, Now).Decide(Supervisor, approve: false, "Plan the ending instead", Now);

        Assert.Equal(4, referral.SessionAllowance(programme));
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(4)));
    }

    [Theory]
    [InlineData(AttendanceOutcome.CancelledByClient)]
    [InlineData(AttendanceOutcome.CancelledByService)]
    public void A_cancelled_session_does_not_use_the_allowance(AttendanceOutcome cancellation)
    {
        var referral = InTherapy();
        var programme = Programme(maxSessions: 6);
        var sessions = Enumerable.Range(0, 6).Select(i => Schedule(referral, programme, Week(i))).ToList();

        referral.RecordAttendance(sessions[5], cancellation, null, "Therapist ill", Lead, Now);
        var replacement = Schedule(referral, programme, Week(6));

        Assert.Equal(6, referral.SessionsUsed);
        Assert.False(replacement.IsExtra); // the sixth session the programme allows, not an extra one
        Assert.Equal(7, referral.Sessions.Count);
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(7)));
    }

    [Fact]
    public void A_session_overlapping_another_of_the_therapists_sessions_in_another_case_is_refused()
    {
        var other = new TherapySession { Id = 90, ReferralId = 8, StartsAtUtc = Week(0), Minutes = 60, TherapistUserId = Lead.UserId };
        var referral = InTherapy();
        var programme = Programme(maxMinutes: 120);

        var during = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0).AddMinutes(30), 50, others: [other]));
        var before = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0).AddMinutes(-30), 50, others: [other]));
        var around = Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0).AddMinutes(-10), 90, others: [other]));

        Assert.Equal("A therapist already has a session at that time. Choose another time.", during.Message);
        Assert.Equal(during.Message, before.Message);
        Assert.Equal(during.Message, around.Message);
        Assert.Empty(referral.Sessions);
    }

    [Fact]
    public void Back_to_back_sessions_are_not_a_double_booking()
    {
        var other = new TherapySession { Id = 90, ReferralId = 8, StartsAtUtc = Week(0), Minutes = 60, TherapistUserId = Lead.UserId };
        var referral = InTherapy();
        var programme = Programme();

        var after = Schedule(referral, programme, Week(0).AddMinutes(60), 50, others: [other]);
        var beforeIt = Schedule(referral, programme, Week(0).AddMinutes(-50), 50, others: [other]);

        Assert.Equal(2, referral.Sessions.Count);
        Assert.Equal(after.StartsAtUtc, other.EndsAtUtc);
        Assert.Equal(other.StartsAtUtc, beforeIt.EndsAtUtc);
    }

    [Fact]
    public void A_co_therapist_is_double_booked_too_whether_they_lead_or_co_hold_the_other_session()
    {
        var referral = InTherapy(withCoTherapist: true);
        var programme = Programme();
        var coLeadsElsewhere = new TherapySession { Id = 91, ReferralId = 8, StartsAtUtc = Week(0), Minutes = 60, TherapistUserId = Co.UserId };
        var coHoldsElsewhere = new TherapySession { Id = 92, ReferralId = 9, StartsAtUtc = Week(1), Minutes = 60, TherapistUserId = "ther-5", CoTherapistUserId = Co.UserId };
        var leadCoHoldsElsewhere = new TherapySession { Id = 93, ReferralId = 9, StartsAtUtc = Week(2), Minutes = 60, TherapistUserId = "ther-5", CoTherapistUserId = Lead.UserId };
        TherapySession[] others = [coLeadsElsewhere, coHoldsElsewhere, leadCoHoldsElsewhere];

        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0).AddMinutes(15), coTherapist: Co.UserId, others: others));
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(1).AddMinutes(15), coTherapist: Co.UserId, others: others));
        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(2).AddMinutes(15), others: others));
        // Without the co-therapist, the lead is free at the co-therapist's busy times.
        Schedule(referral, programme, Week(0).AddMinutes(15), others: others);
        // Another therapist's session at the same time is no clash.
        Schedule(referral, programme, Week(3), others: [new TherapySession { Id = 94, ReferralId = 8, StartsAtUtc = Week(3), Minutes = 60, TherapistUserId = "ther-5" }]);

        Assert.Equal(2, referral.Sessions.Count);
    }

    [Fact]
    public void A_session_overlapping_one_of_the_same_case_is_refused()
    {
        var referral = InTherapy();
        var programme = Programme();
        Schedule(referral, programme, Week(0), 60);

        Assert.Throws<DomainException>(() => Schedule(referral, programme, Week(0).AddMinutes(45), 60));
        Assert.Single(referral.Sessions);
    }

    [Fact]
    public void A_cancelled_session_frees_its_time()
    {
        var referral = InTherapy();
        var programme = Programme();
        var cancelledElsewhere = new TherapySession
        {
            Id = 95, ReferralId = 8, StartsAtUtc = Week(0), Minutes = 60, TherapistUserId = Lead.UserId, Attendance = AttendanceOutcome.CancelledByClient,
        };
        var first = Schedule(referral, programme, Week(1), 60);
        referral.RecordAttendance(first, AttendanceOutcome.CancelledByService, null, "Room unavailable", Lead, Now);

        var overOtherCase = Schedule(referral, programme, Week(0), 60, others: [cancelledElsewhere]);
        var overOwn = Schedule(referral, programme, Week(1), 60);

        Assert.Equal(3, referral.Sessions.Count);
        Assert.Equal(Week(0), overOtherCase.StartsAtUtc);
        Assert.Equal(Week(1), overOwn.StartsAtUtc);
    }

    // ---- Extra sessions -------------------------------------------------------------------------------------------

    [Fact]
    public void Extra_sessions_are_decided_by_a_supervisor_not_the_requester_and_only_once()
    {
        var referral = InTherapy();
        var request = referral.RequestExtraSessions(2, "  Needs more time  ", Lead, Now);
        var requesterAsSupervisor = new Actor(Lead.UserId, Lead.Name, IsSupervisor: true);

        var notSupervisor = Assert.Throws<DomainException>(() => request.Decide(Co, true, null, Now));
        var own = Assert.Throws<DomainException>(() => request.Decide(requesterAsSupervisor, true, null, Now));
        Assert.Equal(ExtensionStatus.Pending, request.Status);
        request.Decide(Supervisor, true, null, Now.AddHours(3));
        var again = Assert.Throws<DomainException>(() => request.Decide(Supervisor, false, "Changed my mind", Now));

        Assert.Equal("Only a supervisor can approve extra sessions.", notSupervisor.Message);
        Assert.Equal("A supervisor cannot approve their own request.", own.Message);
        Assert.Equal("This request has already been decided.", again.Message);
        Assert.Equal((ExtensionStatus.Approved, "super-1", (DateTime?)Now.AddHours(3)), (request.Status, request.DecidedByUserId, request.DecidedAtUtc));
        Assert.Equal(("Needs more time", 2), (request.Reason, request.ExtraSessions));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Declining_extra_sessions_needs_a_reason(string? reason)
    {
        var request = InTherapy().RequestExtraSessions(2, "Needs more time", Lead, Now);

        var ex = Assert.Throws<DomainException>(() => request.Decide(Supervisor, false, reason, Now));
        request.Decide(Supervisor, false, " Plan the ending ", Now);

        Assert.Equal("Give a reason for declining.", ex.Message);
        Assert.Equal((ExtensionStatus.Declined, "Plan the ending"), (request.Status, request.DecisionNote));
    }

    [Fact]
    public void One_request_for_extra_sessions_waits_at_a_time()
    {
        var referral = InTherapy();
        var first = referral.RequestExtraSessions(2, "Needs more time", Lead, Now);

        var second = Assert.Throws<DomainException>(() => referral.RequestExtraSessions(1, "And one more", Lead, Now));
        first.Decide(Supervisor, true, null, Now);
        referral.RequestExtraSessions(1, "One more to end well", Lead, Now);

        Assert.Equal("A request for extra sessions is already waiting for a supervisor.", second.Message);
        Assert.Equal(2, referral.SessionExtensions.Count);
    }

    [Theory]
    [InlineData(0, "Needs more")]
    [InlineData(11, "Needs more")]
    [InlineData(2, " ")]
    public void A_request_for_extra_sessions_asks_for_1_to_10_with_a_reason(int extra, string reason)
    {
        var referral = InTherapy();

        Assert.Throws<DomainException>(() => referral.RequestExtraSessions(extra, reason, Lead, Now));
        Assert.Throws<DomainException>(() => Case().RequestExtraSessions(2, "Needs more", Lead, Now)); // not in therapy yet
        Assert.Empty(referral.SessionExtensions);
    }

    // ---- Attendance -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(AttendanceOutcome.Attended)]
    [InlineData(AttendanceOutcome.Late)]
    [InlineData(AttendanceOutcome.DidNotAttend)]
    public void A_future_session_can_only_be_cancelled(AttendanceOutcome outcome)
    {
        var referral = InTherapy();
        var session = Schedule(referral, Programme(), Now.AddDays(2));

        var ex = Assert.Throws<DomainException>(() => referral.RecordAttendance(session, outcome, SessionClients.Both, null, Lead, Now));
        referral.RecordAttendance(session, AttendanceOutcome.CancelledByClient, null, null, Lead, Now);

        Assert.Equal("This session has not started yet: only a cancellation can be recorded now.", ex.Message);
        Assert.Equal(AttendanceOutcome.CancelledByClient, session.Attendance);
        Assert.Empty(referral.Tasks);
    }

    [Theory]
    [InlineData(AttendanceOutcome.Attended)]
    [InlineData(AttendanceOutcome.Late)]
    public void Attendance_says_who_attended(AttendanceOutcome outcome)
    {
        var referral = InTherapy();
        var session = Schedule(referral, Programme(), Now.AddDays(-2));

        var ex = Assert.Throws<DomainException>(() => referral.RecordAttendance(session, outcome, null, null, Lead, Now));
        referral.RecordAttendance(session, outcome, SessionClients.PartnerOnly, null, Lead, Now);

        Assert.Equal("Say who attended.", ex.Message);
        Assert.Equal((outcome, (SessionClients?)SessionClients.PartnerOnly, (DateTime?)Now, "ther-1"),
            (session.Attendance, session.ClientsAttended, session.AttendanceRecordedAtUtc, session.AttendanceRecordedByUserId));
    }

    [Fact]
    public void A_cancellation_by_the_service_needs_a_reason()
    {
        var referral = InTherapy();
        var session = Schedule(referral, Programme(), Now.AddDays(3));

        var ex = Assert.Throws<DomainException>(() => referral.RecordAttendance(session, AttendanceOutcome.CancelledByService, null, "  ", Lead, Now));
        Assert.Null(session.Attendance);
        referral.RecordAttendance(session, AttendanceOutcome.CancelledByService, null, " Therapist ill ", Lead, Now);

        Assert.Equal("Give the reason the service cancelled.", ex.Message);
        Assert.Equal("Therapist ill", session.CancellationReason);
        Assert.True(session.IsCancelled);
    }

    [Fact]
    public void Attendance_is_recorded_by_the_cases_therapists_for_the_cases_own_sessions()
    {
        var referral = InTherapy();
        var session = Schedule(referral, Programme(), Now.AddDays(-1));
        var elsewhere = new TherapySession { Id = 96, ReferralId = 8, StartsAtUtc = Now.AddDays(-1), Minutes = 50, TherapistUserId = Lead.UserId };

        Assert.Throws<DomainException>(() => referral.RecordAttendance(session, AttendanceOutcome.Attended, SessionClients.Both, null, Outsider, Now));
        Assert.Throws<DomainException>(() => referral.RecordAttendance(elsewhere, AttendanceOutcome.Attended, SessionClients.Both, null, Lead, Now));
        Assert.Null(session.Attendance);
        Assert.Null(elsewhere.Attendance);
    }

    [Theory]
    // Wednesday → Thursday
    [InlineData("2026-11-04T10:00:00Z", "2026-11-05")]
    // Friday → Monday
    [InlineData("2026-11-06T17:00:00Z", "2026-11-09")]
    // Saturday → Monday
    [InlineData("2026-11-07T09:00:00Z", "2026-11-09")]
    // Thursday 23:30 UTC in summer is already Friday 00:30 in the UK → Monday
    [InlineData("2026-06-11T23:30:00Z", "2026-06-15")]
    public void Did_not_attend_gives_the_therapist_one_follow_up_task_due_the_next_working_day(string recordedAt, string dueOn)
    {
        var nowUtc = DateTime.Parse(recordedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var referral = InTherapy(withCoTherapist: true);
        var session = referral.ScheduleSession(Programme(), nowUtc.AddHours(-2), 50, SessionMode.Video, null, Co.UserId, Lead.UserId, SessionClients.Both, [], Lead, nowUtc);
        session.Id = 44; // as saved

        var task = referral.RecordAttendance(session, AttendanceOutcome.DidNotAttend, null, null, Lead, nowUtc);
        var again = referral.RecordAttendance(session, AttendanceOutcome.DidNotAttend, null, null, Lead, nowUtc.AddMinutes(5));

        Assert.NotNull(task);
        Assert.Null(again);
        Assert.Same(task, Assert.Single(referral.Tasks));
        Assert.Equal(DateOnly.Parse(dueOn, System.Globalization.CultureInfo.InvariantCulture), task.DueOn);
        Assert.Equal((CaseTaskKind.DidNotAttendFollowUp, "ther-2", (int?)44, true), (task.Kind, task.AssignedToUserId, task.SessionId, task.IsOpen));
    }

    [Theory]
    [InlineData(AttendanceOutcome.Attended)]
    [InlineData(AttendanceOutcome.Late)]
    [InlineData(AttendanceOutcome.CancelledByClient)]
    public void Other_outcomes_give_no_task(AttendanceOutcome outcome)
    {
        var referral = InTherapy();
        var session = Schedule(referral, Programme(), Now.AddHours(-2));

        Assert.Null(referral.RecordAttendance(session, outcome, SessionClients.Both, null, Lead, Now));
        Assert.Empty(referral.Tasks);
    }

    // ---- Notes ------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_note_is_edited_by_its_author_within_24_hours_then_locked_and_corrected_by_addenda()
    {
        var referral = InTherapy(withCoTherapist: true);
        var note = referral.AddNote(null, "  First thoughts  ", Lead, Now);

        note.Edit("Revised thoughts", Lead.UserId, Now.AddHours(23).AddMinutes(59));
        var byOther = Assert.Throws<DomainException>(() => note.Edit("Co-therapist's view", Co.UserId, Now.AddHours(1)));
        var locked = Assert.Throws<DomainException>(() => note.Edit("Too late", Lead.UserId, Now.AddHours(24)));
        var addendum = note.AddAddendum(" Correction: the session was 50 minutes ", Lead.UserId, Lead.Name, Now.AddDays(3));

        Assert.Equal("Revised thoughts", note.Text);
        Assert.Equal(Now.AddHours(23).AddMinutes(59), note.EditedAtUtc);
        Assert.Equal("Only the author can change a note. Add an addendum instead.", byOther.Message);
        Assert.Equal("This note is locked. Add an addendum to correct or add to it.", locked.Message);
        Assert.Equal(("Correction: the session was 50 minutes", "ther-1", Now.AddDays(3)), (addendum.Text, addendum.AuthorUserId, addendum.AtUtc));
        Assert.Same(addendum, Assert.Single(note.Addenda));
        Assert.True(note.CanBeEditedBy(Lead.UserId, Now.AddHours(23)));
        Assert.False(note.CanBeEditedBy(Co.UserId, Now.AddHours(23)));
        Assert.False(note.CanBeEditedBy(Lead.UserId, Now.AddHours(24)));
    }

    [Fact]
    public void A_note_needs_text_and_is_written_by_the_cases_therapists()
    {
        var referral = InTherapy();

        Assert.Throws<DomainException>(() => referral.AddNote(null, "   ", Lead, Now));
        Assert.Throws<DomainException>(() => referral.AddNote(null, "Text", Outsider, Now));
        Assert.Throws<DomainException>(() => referral.AddNote(999, "About a session of another case", Lead, Now));
        Assert.Empty(referral.Notes);
    }

    [Fact]
    public void No_new_note_is_added_to_an_ended_case_but_an_existing_note_takes_addenda()
    {
        var referral = InTherapy();
        var note = referral.AddNote(null, "Session went well", Lead, Now);
        referral.EndCase(EndingKind.Planned, EndingReason.Completed, null, [], Lead, Now.AddDays(30));

        var ex = Assert.Throws<DomainException>(() => referral.AddNote(null, "After the end", Lead, Now.AddDays(31)));
        note.AddAddendum("Client wrote to say thank you", Lead.UserId, Lead.Name, Now.AddDays(31));

        Assert.Equal("This case has ended: add an addendum to an existing note instead.", ex.Message);
        Assert.Single(referral.Notes);
        Assert.Single(note.Addenda);
    }

    // ---- Ending -----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(EndingKind.Planned, EndingReason.Completed, true)]
    [InlineData(EndingKind.Planned, EndingReason.ReferredElsewhere, true)]
    [InlineData(EndingKind.Planned, EndingReason.Other, true)]
    [InlineData(EndingKind.Planned, EndingReason.Disengaged, false)]
    [InlineData(EndingKind.Planned, EndingReason.MovedAway, false)]
    [InlineData(EndingKind.Planned, EndingReason.Risk, false)]
    [InlineData(EndingKind.Planned, EndingReason.ServiceEnded, false)]
    [InlineData(EndingKind.Unplanned, EndingReason.Disengaged, true)]
    [InlineData(EndingKind.Unplanned, EndingReason.MovedAway, true)]
    [InlineData(EndingKind.Unplanned, EndingReason.Risk, true)]
    [InlineData(EndingKind.Unplanned, EndingReason.ServiceEnded, true)]
    [InlineData(EndingKind.Unplanned, EndingReason.Other, true)]
    public void A_planned_ending_is_for_completed_therapy_a_referral_elsewhere_or_another_reason(EndingKind kind, EndingReason reason, bool allowed)
    {
        var referral = InTherapy();

        if (allowed)
        {
            referral.EndCase(kind, reason, "Explained", [], Lead, Now);
            Assert.Equal((ReferralStatus.Ended, (EndingKind?)kind, (EndingReason?)reason, "Explained"), (referral.Status, referral.EndingKind, referral.EndingReason, referral.EndingNote));
        }
        else
        {
            Assert.Throws<DomainException>(() => referral.EndCase(kind, reason, "Explained", [], Lead, Now));
            Assert.Equal(ReferralStatus.InTherapy, referral.Status);
        }
    }

    [Fact]
    public void Ending_for_another_reason_says_why()
    {
        var referral = InTherapy();

        var ex = Assert.Throws<DomainException>(() => referral.EndCase(EndingKind.Unplanned, EndingReason.Other, "  ", [], Lead, Now));

        Assert.Equal("Say why the case ended.", ex.Message);
        Assert.Equal(ReferralStatus.InTherapy, referral.Status);
    }

    [Fact]
    public void A_case_is_ended_by_its_therapists_or_a_supervisor_once_and_from_assessment_or_therapy()
    {
        Assert.Throws<DomainException>(() => InTherapy().EndCase(EndingKind.Unplanned, EndingReason.Disengaged, null, [], Outsider, Now));

        var bySupervisor = InTherapy();
        bySupervisor.EndCase(EndingKind.Unplanned, EndingReason.Risk, null, [], Supervisor, Now);
        Assert.Equal(ReferralStatus.Ended, bySupervisor.Status);
        Assert.Throws<DomainException>(() => bySupervisor.EndCase(EndingKind.Unplanned, EndingReason.Risk, null, [], Supervisor, Now));

        // After an assessment that recommends referring elsewhere, from the assessment stage.
        var atAssessment = Case();
        atAssessment.EndCase(EndingKind.Planned, EndingReason.ReferredElsewhere, null, [], Lead, Now);
        Assert.Equal(ReferralStatus.Ended, atAssessment.Status);

        Assert.Throws<DomainException>(() => Case(status: ReferralStatus.WaitingForAssessment).EndCase(EndingKind.Unplanned, EndingReason.Other, "x", [], Supervisor, Now));
    }

    [Fact]
    public void Ending_ends_the_allocations_adds_the_signposting_closes_open_tasks_and_remembers_who_worked_the_case()
    {
        var endedAt = Now.AddDays(40);
        var referral = InTherapy(withCoTherapist: true);
        // A therapist who held the case earlier and was reallocated away.
        referral.Allocations.Insert(0, new CaseAllocation { TherapistUserId = "ther-0", Role = AllocationRole.Lead, AllocatedAtUtc = Now.AddDays(-30), EndedAtUtc = Now.AddDays(-20) });
        var done = new CaseTask { Kind = CaseTaskKind.DidNotAttendFollowUp, AssignedToUserId = Lead.UserId, DueOn = new DateOnly(2026, 11, 5), DoneAtUtc = Now.AddDays(1), DoneByUserId = Lead.UserId, Outcome = "Spoke to them" };
        var open = new CaseTask { Kind = CaseTaskKind.DidNotAttendFollowUp, AssignedToUserId = Co.UserId, DueOn = new DateOnly(2026, 12, 1) };
        referral.Tasks.AddRange([done, open]);

        referral.EndCase(EndingKind.Planned, EndingReason.Completed, "  Goals met  ", [5, 8, 5], Co, endedAt);

        Assert.Equal((ReferralStatus.Ended, (DateTime?)endedAt, "Goals met"), (referral.Status, referral.ClosedAtUtc, referral.EndingNote));
        Assert.Empty(referral.CurrentAllocations);
        Assert.All(referral.Allocations.Where(a => a.TherapistUserId != "ther-0"), a => Assert.Equal(endedAt, a.EndedAtUtc));
        Assert.Equal(Now.AddDays(-20), referral.Allocations.Single(a => a.TherapistUserId == "ther-0").EndedAtUtc);

        Assert.Equal([5, 8], referral.Signposting.Select(s => s.SignpostingEntryId).Order());
        Assert.All(referral.Signposting, s => Assert.Equal((SignpostingStage.Ending, endedAt, "ther-2"), (s.Stage, s.AtUtc, s.ByUserId)));

        Assert.Equal((endedAt, "ther-2", "Case ended"), (open.DoneAtUtc!.Value, open.DoneByUserId, open.Outcome));
        Assert.Equal((Now.AddDays(1), "Spoke to them"), (done.DoneAtUtc!.Value, done.Outcome));

        Assert.True(referral.WasWorkedBy(Lead.UserId));
        Assert.True(referral.WasWorkedBy(Co.UserId));
        Assert.False(referral.WasWorkedBy("ther-0"));
        Assert.False(referral.WasWorkedBy(Outsider.UserId));

        var change = Assert.Single(referral.StatusChanges);
        Assert.Equal((ReferralStatus.InTherapy, ReferralStatus.Ended, "Planned ending: completed"), (change.From, change.To, change.Reason));
    }

    [Fact]
    public void An_ended_case_takes_no_sessions_attendance_or_extra_session_requests()
    {
        var referral = InTherapy();
        var session = Schedule(referral, Programme(), Now.AddDays(-1));
        referral.EndCase(EndingKind.Unplanned, EndingReason.Disengaged, null, [], Lead, Now);

        // The therapists are told the case has ended, not that they are not its therapists.
        const string ended = "This case has ended and can no longer be changed.";
        Assert.Equal(ended, Assert.Throws<DomainException>(() => Schedule(referral, Programme(), Week(2))).Message);
        Assert.Equal(ended, Assert.Throws<DomainException>(() => referral.RecordAttendance(session, AttendanceOutcome.Attended, SessionClients.Both, null, Lead, Now)).Message);
        Assert.Equal(ended, Assert.Throws<DomainException>(() => referral.RequestExtraSessions(1, "More", Lead, Now)).Message);
        Assert.Equal(ended, Assert.Throws<DomainException>(() => referral.OfferTherapy(Programme(), Lead, Now)).Message);
        Assert.Single(referral.Sessions);
        Assert.Null(session.Attendance);
    }
}
