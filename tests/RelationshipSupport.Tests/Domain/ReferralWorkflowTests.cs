using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Tests.Domain;

/// <summary>The referral's state machine, screening (with the supervisor override), suitability review and the panel, without a database.</summary>
public sealed class ReferralWorkflowTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Coordinator = new("coord-1", "Casey Coordinator");
    private static readonly Actor Supervisor = new("super-1", "Sam Supervisor", IsSupervisor: true);

    private static Programme Programme(bool panel = false) => new()
    {
        Id = panel ? 2 : 1,
        Code = panel ? "parents-in-conflict" : "nhs-staff",
        RequiresScreeningPanel = panel,
        Criteria =
        [
            new ProgrammeCriterion { Id = 11, Kind = CriterionKind.Inclusion, Text = "Works in the NHS", SortOrder = 0 },
            new ProgrammeCriterion { Id = 12, Kind = CriterionKind.Inclusion, Text = "Aged 18 or over", SortOrder = 1 },
            new ProgrammeCriterion { Id = 21, Kind = CriterionKind.Exclusion, Text = "Current domestic abuse", SortOrder = 0 },
            new ProgrammeCriterion { Id = 29, Kind = CriterionKind.Exclusion, Text = "Retired criterion", SortOrder = 1, IsActive = false },
        ],
    };

    private static Referral Referral(ReferralStatus status = ReferralStatus.Screening, int programmeId = 1) => new()
    {
        Id = 7,
        Reference = "RS-2345-6789",
        ProgrammeId = programmeId,
        Status = status,
        ReceivedAtUtc = Now.AddDays(-3),
        People = [new ReferralPerson { Role = PersonRole.Primary, FirstName = "Alex", LastName = "Example" }],
    };

    /// <summary>All inclusion met, no exclusion applies: the criteria are satisfied.</summary>
    private static Dictionary<int, bool> Satisfied() => new() { [11] = true, [12] = true, [21] = false };

    private static Dictionary<int, bool> ExclusionApplies() => new() { [11] = true, [12] = true, [21] = true };

    public static TheoryData<ReferralStatus, ReferralStatus> AllowedMoves()
    {
        var data = new TheoryData<ReferralStatus, ReferralStatus>();
        foreach (var from in Enum.GetValues<ReferralStatus>())
        {
            foreach (var to in ReferralWorkflow.NextFrom(from)) data.Add(from, to);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Every_allowed_move_is_made_and_recorded_with_who_when_and_why(ReferralStatus from, ReferralStatus to)
    {
        var referral = Referral(from);
        var stamp = referral.ConcurrencyStamp;

        referral.MoveTo(to, Coordinator, Now, "  Because  ");

        Assert.Equal(to, referral.Status);
        var change = Assert.Single(referral.StatusChanges);
        Assert.Equal((from, to, Now, "coord-1", "Casey Coordinator", "Because"), (change.From, change.To, change.AtUtc, change.ByUserId, change.ByName, change.Reason));
        Assert.NotEqual(stamp, referral.ConcurrencyStamp);
        Assert.Equal(ReferralWorkflow.IsOpen(to) ? null : Now, referral.ClosedAtUtc);
    }

    [Theory]
    [InlineData(ReferralStatus.Received, ReferralStatus.WaitingForAssessment, "A referral that is \"received\" cannot be moved to \"waiting for assessment\".")]
    [InlineData(ReferralStatus.Screening, ReferralStatus.Allocated, "A referral that is \"screening\" cannot be moved to \"allocated\".")]
    [InlineData(ReferralStatus.SuitabilityReview, ReferralStatus.WaitingForAssessment, "A referral that is \"initial suitability review\" cannot be moved to \"waiting for assessment\".")]
    [InlineData(ReferralStatus.NotSuitable, ReferralStatus.Screening, "A referral that is \"not suitable\" cannot be moved to \"screening\".")]
    [InlineData(ReferralStatus.Closed, ReferralStatus.Received, "A referral that is \"closed\" cannot be moved to \"received\".")]
    [InlineData(ReferralStatus.Withdrawn, ReferralStatus.Contacting, "A referral that is \"withdrawn\" cannot be moved to \"contacting\".")]
    public void A_move_not_in_the_table_is_refused_with_a_clear_message_and_nothing_recorded(ReferralStatus from, ReferralStatus to, string message)
    {
        var referral = Referral(from);

        var ex = Assert.Throws<DomainException>(() => referral.MoveTo(to, Coordinator, Now, null));

        Assert.Equal(message, ex.Message);
        Assert.Equal(from, referral.Status);
        Assert.Empty(referral.StatusChanges);
    }

    [Theory]
    [InlineData(ReferralStatus.Received)]
    [InlineData(ReferralStatus.Contacting)]
    public void Screening_starts_from_received_or_contacting(ReferralStatus from)
    {
        var referral = Referral(from);

        referral.StartScreening(Coordinator, Now);

        Assert.Equal(ReferralStatus.Screening, referral.Status);
        Assert.Equal("Screening started", Assert.Single(referral.StatusChanges).Reason);
    }

    [Fact]
    public void Accepting_when_the_criteria_are_met_joins_the_waiting_list_or_goes_to_suitability_review_where_there_is_a_panel()
    {
        var staff = Referral();
        var parents = Referral(programmeId: 2);

        var screening = staff.RecordScreening(Programme(), Satisfied(), ScreeningOutcome.Accept, " Spoke to them ", null, Coordinator, Now);
        parents.RecordScreening(Programme(panel: true), Satisfied(), ScreeningOutcome.Accept, null, null, Coordinator, Now);

        Assert.Equal((ReferralStatus.WaitingForAssessment, (DateTime?)Now), (staff.Status, staff.WaitingSinceUtc));
        Assert.Equal(ReferralStatus.SuitabilityReview, parents.Status);
        Assert.Null(parents.WaitingSinceUtc);
        Assert.Equal(("coord-1", "Casey Coordinator", Now, "Spoke to them", (string?)null), (screening.ByUserId, screening.ByName, screening.AtUtc, screening.Notes, screening.OverrideReason));
        // The active criteria only, with their text as it was.
        Assert.Equal([11, 12, 21], screening.Results.Select(r => r.CriterionId));
        Assert.Equal("Current domestic abuse", screening.Results[2].CriterionText);
        Assert.Equal("Screening: criteria met", Assert.Single(staff.StatusChanges).Reason);
    }

    [Fact]
    public void Every_active_criterion_must_be_answered()
    {
        var referral = Referral();

        var ex = Assert.Throws<DomainException>(() =>
            referral.RecordScreening(Programme(), new Dictionary<int, bool> { [11] = true, [21] = false }, ScreeningOutcome.Accept, null, null, Coordinator, Now));

        Assert.Equal("Answer every criterion: \"Aged 18 or over\" has no answer.", ex.Message);
        Assert.Empty(referral.Screenings);
    }

    [Fact]
    public void A_coordinator_cannot_accept_when_an_exclusion_applies_or_an_inclusion_is_not_met()
    {
        var referral = Referral();
        var notMet = new Dictionary<int, bool> { [11] = true, [12] = false, [21] = false };

        var excluded = Assert.Throws<DomainException>(() =>
            referral.RecordScreening(Programme(), ExclusionApplies(), ScreeningOutcome.Accept, null, "I think it is fine", Coordinator, Now));
        var notIncluded = Assert.Throws<DomainException>(() =>
            referral.RecordScreening(Programme(), notMet, ScreeningOutcome.Accept, null, null, Coordinator, Now));

        Assert.Equal("An exclusion criterion is met (\"Current domestic abuse\"): only a supervisor can accept this referral, recording why. Refer it to a supervisor, or record it as not suitable.", excluded.Message);
        Assert.StartsWith("An inclusion criterion is not met (\"Aged 18 or over\")", notIncluded.Message, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Screening, referral.Status);
        Assert.Empty(referral.Screenings);
        Assert.Empty(referral.StatusChanges);
    }

    [Fact]
    public void Referring_to_a_supervisor_keeps_it_in_screening_and_a_supervisor_can_then_override_with_a_reason()
    {
        var referral = Referral();
        referral.RecordScreening(Programme(), ExclusionApplies(), ScreeningOutcome.ReferToSupervisor, "Past incident, now resolved?", null, Coordinator, Now);
        Assert.True(referral.AwaitingSupervisor);
        Assert.Equal(ReferralStatus.Screening, referral.Status);

        var noReason = Assert.Throws<DomainException>(() =>
            referral.RecordScreening(Programme(), ExclusionApplies(), ScreeningOutcome.Accept, null, "  ", Supervisor, Now.AddHours(1)));
        Assert.Equal("Give the reason for accepting this referral although the criteria are not all satisfied.", noReason.Message);

        var screening = referral.RecordScreening(Programme(), ExclusionApplies(), ScreeningOutcome.Accept, null, " Incident was 10 years ago; MARAC closed ", Supervisor, Now.AddHours(1));

        Assert.Equal(("super-1", "Sam Supervisor", "Incident was 10 years ago; MARAC closed"), (screening.OverrideByUserId, screening.OverrideByName, screening.OverrideReason));
        Assert.False(referral.AwaitingSupervisor);
        Assert.Equal(ReferralStatus.WaitingForAssessment, referral.Status);
        Assert.Equal(2, referral.Screenings.Count);
        var change = Assert.Single(referral.StatusChanges);
        Assert.Equal(("super-1", "Screening: accepted by supervisor override"), (change.ByUserId, change.Reason));
    }

    [Fact]
    public void Not_suitable_needs_a_screening_reason_and_a_note_for_another_reason()
    {
        Assert.Equal("Select why the referral is not suitable.",
            Assert.Throws<DomainException>(() => Referral().RecordScreening(Programme(), ExclusionApplies(), ScreeningOutcome.NotSuitable, null, null, Coordinator, Now)).Message);
        Assert.Equal("Select a reason that says why the programme is not suitable.",
            Assert.Throws<DomainException>(() => Referral().MarkNotSuitable(ClosureReason.NoResponseToContact, null, [], Coordinator, Now)).Message);
        Assert.Equal("Give the reason the referral is not suitable.",
            Assert.Throws<DomainException>(() => Referral().MarkNotSuitable(ClosureReason.Other, " ", [], Coordinator, Now)).Message);
    }

    [Fact]
    public void Not_suitable_closes_with_the_reason_the_note_and_the_signposting()
    {
        var referral = Referral();
        referral.AwaitingSupervisor = true;

        referral.RecordScreening(Programme(), ExclusionApplies(), ScreeningOutcome.NotSuitable, " Ongoing abuse ", null, Coordinator, Now,
            ClosureReason.MetExclusionCriterion, [3, 4, 3]);

        Assert.Equal((ReferralStatus.NotSuitable, ClosureReason.MetExclusionCriterion, "Ongoing abuse", (DateTime?)Now),
            (referral.Status, referral.ClosureReason, referral.ClosureNote, referral.ClosedAtUtc));
        Assert.False(referral.AwaitingSupervisor);
        Assert.Equal([3, 4], referral.Signposting.Select(s => s.SignpostingEntryId));
        Assert.All(referral.Signposting, s => Assert.Equal((SignpostingStage.Screening, Now, "coord-1"), (s.Stage, s.AtUtc, s.ByUserId)));
        Assert.Equal(ScreeningOutcome.NotSuitable, Assert.Single(referral.Screenings).Outcome);
        Assert.Equal("Not suitable: MetExclusionCriterion", Assert.Single(referral.StatusChanges).Reason);
    }

    [Fact]
    public void Screening_is_recorded_only_in_screening()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Referral(ReferralStatus.Contacting).RecordScreening(Programme(), Satisfied(), ScreeningOutcome.Accept, null, null, Coordinator, Now));
        Assert.Equal("Screening can be recorded only while the referral is in screening (it is \"contacting\").", ex.Message);
    }

    [Fact]
    public void The_suitability_review_sends_to_the_panel_or_closes()
    {
        var suitable = Referral(ReferralStatus.SuitabilityReview, 2);
        var unsuitable = Referral(ReferralStatus.SuitabilityReview, 2);

        suitable.ReviewSuitability(true, null, Supervisor, Now);
        unsuitable.ReviewSuitability(false, "Court proceedings", Supervisor, Now, ClosureReason.MetExclusionCriterion, [5]);

        Assert.Equal(ReferralStatus.ScreeningPanel, suitable.Status);
        Assert.Equal("Initially suitable: to the screening panel", Assert.Single(suitable.StatusChanges).Reason);
        Assert.Equal((ReferralStatus.NotSuitable, "Court proceedings"), (unsuitable.Status, unsuitable.ClosureNote));
        Assert.Equal("Only a referral in initial suitability review can be reviewed.",
            Assert.Throws<DomainException>(() => Referral().ReviewSuitability(true, null, Supervisor, Now)).Message);
        Assert.Equal("Select why the referral is not suitable.",
            Assert.Throws<DomainException>(() => Referral(ReferralStatus.SuitabilityReview, 2).ReviewSuitability(false, null, Supervisor, Now)).Message);
    }

    [Fact]
    public void A_panel_meeting_takes_waiting_cases_of_its_programme_once()
    {
        var meeting = new PanelMeeting { Id = 1, ProgrammeId = 2, MeetingDate = new DateOnly(2026, 11, 12), ClinicalLeadName = "Dr Lead" };
        var waiting = Referral(ReferralStatus.ScreeningPanel, 2);
        var stamp = meeting.ConcurrencyStamp;

        var added = meeting.AddCase(waiting);

        Assert.Equal((7, PanelDecision.Pending), (added.ReferralId, added.Decision));
        Assert.NotEqual(stamp, meeting.ConcurrencyStamp);
        Assert.Equal("That referral is already on this meeting's list.", Assert.Throws<DomainException>(() => meeting.AddCase(waiting)).Message);
        Assert.Equal("That referral belongs to another programme's panel.",
            Assert.Throws<DomainException>(() => meeting.AddCase(Referral(ReferralStatus.ScreeningPanel, 1))).Message);
        Assert.Equal("Only referrals waiting for the screening panel can be added to a meeting.",
            Assert.Throws<DomainException>(() => meeting.AddCase(Referral(ReferralStatus.Screening, 2))).Message);
    }

    [Fact]
    public void Panel_decisions_accept_close_or_defer_and_are_recorded_once_by_name()
    {
        var meeting = new PanelMeeting { Id = 1, ProgrammeId = 2, MeetingDate = new DateOnly(2026, 11, 12), ClinicalLeadName = "Dr Lead" };
        Referral Waiting(int id) { var r = Referral(ReferralStatus.ScreeningPanel, 2); r.Id = id; meeting.AddCase(r); return r; }
        var accepted = Waiting(1);
        var unsuitable = Waiting(2);
        var deferred = Waiting(3);

        Assert.Equal("Enter the name of the clinical lead who made the decision.",
            Assert.Throws<DomainException>(() => meeting.Decide(accepted, PanelDecision.Accepted, null, " ", Coordinator, Now)).Message);
        Assert.Equal("Say what the panel needs before it can decide.",
            Assert.Throws<DomainException>(() => meeting.Decide(deferred, PanelDecision.Deferred, null, "Dr Lead", Coordinator, Now)).Message);
        Assert.Equal("Select why the referral is not suitable.",
            Assert.Throws<DomainException>(() => meeting.Decide(unsuitable, PanelDecision.NotSuitable, null, "Dr Lead", Coordinator, Now)).Message);

        meeting.Decide(accepted, PanelDecision.Accepted, null, " Dr Deputy ", Coordinator, Now);
        meeting.Decide(unsuitable, PanelDecision.NotSuitable, "Risk", "Dr Lead", Coordinator, Now, ClosureReason.RiskTooHigh, [1]);
        meeting.Decide(deferred, PanelDecision.Deferred, "Needs the social worker's risk assessment", "Dr Lead", Coordinator, Now);

        Assert.Equal((ReferralStatus.WaitingForAssessment, (DateTime?)Now), (accepted.Status, accepted.WaitingSinceUtc));
        Assert.Equal("Screening panel 12 Nov 2026: Accepted", Assert.Single(accepted.StatusChanges).Reason);
        Assert.Equal((ReferralStatus.NotSuitable, ClosureReason.RiskTooHigh), (unsuitable.Status, unsuitable.ClosureReason));
        Assert.Equal(ReferralStatus.ScreeningPanel, deferred.Status);
        var first = meeting.Cases.Single(c => c.ReferralId == 1);
        Assert.Equal((PanelDecision.Accepted, "Dr Deputy", "coord-1", (DateTime?)Now), (first.Decision, first.DecidedByName, first.RecordedByUserId, first.DecidedAtUtc));
        Assert.Equal("Needs the social worker's risk assessment", meeting.Cases.Single(c => c.ReferralId == 3).Note);
        Assert.Equal("The panel has already recorded a decision on this case.",
            Assert.Throws<DomainException>(() => meeting.Decide(accepted, PanelDecision.Accepted, null, "Dr Lead", Coordinator, Now)).Message);
        Assert.Equal("That referral is not on this meeting's list.",
            Assert.Throws<DomainException>(() => meeting.Decide(Referral(ReferralStatus.ScreeningPanel, 2), PanelDecision.Accepted, null, "Dr Lead", Coordinator, Now)).Message);
    }
}
