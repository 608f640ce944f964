using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Tests.Domain;

/// <summary>
/// The built-in instruments scored by the one engine, with expected values worked out by hand from the manuals'
/// rules (instruments.md): CORE-10 reverses items 2 and 3, prorates with one missing item and refuses with two,
/// cut-off 11, bands, reliable change 6; the Risk score adds CORE-10 item 6 to four CORE-OM items; CSI-4 runs
/// 0–21 with 13.5 as the threshold and improves upwards; PHQ-9/GAD-7 caseness and NHS Talking Therapies' paired
/// outcomes; the argument mean; Net Promoter categories.
/// </summary>
public sealed class ScoringTests
{
    private static readonly InstrumentDefinition Core10 = BuiltInInstruments.Definition(BuiltInInstruments.Core10);
    private static readonly InstrumentDefinition CoreRisk = BuiltInInstruments.Definition(BuiltInInstruments.CoreRisk);
    private static readonly InstrumentDefinition Csi4 = BuiltInInstruments.Definition(BuiltInInstruments.Csi4);
    private static readonly InstrumentDefinition Phq9 = BuiltInInstruments.Definition(BuiltInInstruments.Phq9);
    private static readonly InstrumentDefinition Gad7 = BuiltInInstruments.Definition(BuiltInInstruments.Gad7);

    private static Dictionary<int, int> Answers(params int[] values) =>
        values.Select((v, i) => (Number: i + 1, Value: v)).Where(x => x.Value >= 0).ToDictionary(x => x.Number, x => x.Value);

    private static ScoreResult Total(InstrumentDefinition definition, params int[] values) =>
        ScoringEngine.Score(definition, Answers(values)).Scores.Single();

    [Fact]
    public void Every_built_in_definition_passes_the_upload_rules_and_reads_back_unchanged()
    {
        foreach (var code in BuiltInInstruments.Codes)
        {
            var definition = BuiltInInstruments.Definition(code);
            Assert.Equal(code, definition.Code);
            Assert.Empty(InstrumentDefinitionRules.Problems(definition));
            Assert.Equal(definition.ToJson(), InstrumentDefinition.Parse(definition.ToJson()).ToJson());
        }
    }

    [Fact]
    public void Core10_reverses_items_2_and_3_only()
    {
        // All "Not at all": the two positively worded items count 4 each.
        Assert.Equal(8, Total(Core10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0).Value);
        // All "Most or all of the time": 8 items × 4, items 2 and 3 count 0.
        Assert.Equal(32, Total(Core10, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4).Value);
        Assert.Equal([2, 3], Core10.Items.Where(i => i.Reverse).Select(i => i.Number));
        // 2 + (4−1) + (4−1) + 2 + 1 + 0 + 3 + 2 + 3 + 1 = 20
        var score = Total(Core10, 2, 1, 1, 2, 1, 0, 3, 2, 3, 1);
        Assert.Equal((20.0, false, true, "Moderate to severe"), (score.Value!.Value, score.Prorated, score.IsClinical!.Value, score.Band));
    }

    [Fact]
    public void Core10_prorates_one_missing_item_and_gives_no_score_with_two()
    {
        // Item 10 missing: the nine answered items score 19, so 19 / 9 × 10.
        var one = Total(Core10, 2, 1, 1, 2, 1, 0, 3, 2, 3, -1);
        Assert.Equal(190.0 / 9, one.Value!.Value, 10);
        Assert.True(one.Prorated);
        Assert.Equal((9, 10), (one.ItemsAnswered, one.ItemsInScore));

        var two = Total(Core10, 2, 1, 1, 2, 1, 0, 3, 2, -1, -1);
        Assert.Null(two.Value);
        Assert.Null(two.IsClinical);
        Assert.Equal("Not scored: 2 of 10 items unanswered", two.NotComputableReason);
    }

    [Theory]
    [InlineData(0, "Healthy", false)]
    [InlineData(5, "Healthy", false)]
    [InlineData(6, "Low", false)]
    [InlineData(10, "Low", false)]
    [InlineData(10.9, "Low", false)]
    [InlineData(11, "Mild", true)]
    [InlineData(14, "Mild", true)]
    [InlineData(15, "Moderate", true)]
    [InlineData(20, "Moderate to severe", true)]
    [InlineData(24, "Moderate to severe", true)]
    [InlineData(25, "Severe", true)]
    [InlineData(40, "Severe", true)]
    public void Core10_cut_off_is_11_and_bands_follow_the_usual_ranges(double total, string band, bool clinical)
    {
        var score = Core10.Scores.Single();
        Assert.Equal(band, score.BandFor(total));
        Assert.Equal(clinical, score.ClinicalCutoff!.IsClinical(total));
    }

    [Fact]
    public void Core10_item_6_is_a_risk_item_at_any_answer_above_0_whatever_the_total()
    {
        var flagged = ScoringEngine.Score(Core10, Answers(0, 4, 4, 0, 0, 1, 0, 0, 0, 0));
        var flag = Assert.Single(flagged.RiskFlags);
        Assert.Equal((6, RiskArea.SelfHarmSuicide, 1), (flag.ItemNumber, flag.Area, flag.Answer));
        Assert.Equal(1, flagged.Scores.Single().Value); // low total, still flagged

        Assert.Empty(ScoringEngine.Score(Core10, Answers(4, 0, 0, 4, 4, 0, 4, 4, 4, 4)).RiskFlags);
    }

    [Fact]
    public void An_answer_the_item_does_not_offer_or_an_item_that_does_not_exist_is_refused()
    {
        Assert.Throws<DomainException>(() => ScoringEngine.Score(Core10, new Dictionary<int, int> { [1] = 5 }));
        Assert.Throws<DomainException>(() => ScoringEngine.Score(Core10, new Dictionary<int, int> { [11] = 0 }));
        Assert.Throws<DomainException>(() => ScoringEngine.Score(Csi4, new Dictionary<int, int> { [2] = 6 })); // only item 1 goes to 6
    }

    [Theory]
    // fall of 6 that stays at or above 11: reliable, not clinically significant
    [InlineData(20, 14, ReliableChange.ReliableImprovement, false)]
    // from 16 to 10: reliable and crosses the cut-off
    [InlineData(16, 10, ReliableChange.ReliableImprovement, true)]
    // crosses the cut-off but falls only 5: not reliable
    [InlineData(15, 10, ReliableChange.NoReliableChange, false)]
    [InlineData(10, 16, ReliableChange.ReliableDeterioration, false)]
    [InlineData(12, 12, ReliableChange.NoReliableChange, false)]
    // a prorated score a hair under a whole-number fall
    [InlineData(17.777777777777779, 11.777777777777779, ReliableChange.ReliableImprovement, false)]
    public void Core10_reliable_change_is_6_points_and_clinically_significant_improvement_also_crosses_11(
        double first, double last, ReliableChange expected, bool clinicallySignificant)
    {
        var change = ScoreChange.Between(Core10.Scores.Single(), first, last);
        Assert.Equal(expected, change.Reliable);
        Assert.Equal(clinicallySignificant, change.ReliableAndClinicallySignificantImprovement);
        Assert.Equal(first - last, change.Improvement, 10);
    }

    [Fact]
    public void The_risk_score_adds_core10_item_6_from_the_same_sitting_to_the_four_core_om_items()
    {
        var (request, core10, risk) = Sitting();
        request.SaveAnswers(core10.Id, Answers(1, 1, 1, 1, 1, 2, 1, 1, 1, 1), Now);
        request.SaveAnswers(risk.Id, Answers(1, 0, 1, 2), Now);

        var flags = request.Complete(CompletionMode.Online, null, Now);

        Assert.Equal(6, risk.Scores.Single(s => s.ScoreKey == "risk").Value); // 2 + 1 + 0 + 1 + 2
        Assert.Equal(5, risk.Scores.Single().ItemsInScore);
        // CORE-10 item 6, CORE-OM 24 and 34 (self-harm), CORE-OM 6 (violence to others: safeguarding).
        Assert.Equal(
            [("CORE-10", 6, RiskArea.SelfHarmSuicide), ("CORE-RISK", 1, RiskArea.SelfHarmSuicide), ("CORE-RISK", 3, RiskArea.SelfHarmSuicide), ("CORE-RISK", 4, RiskArea.HarmToOthers)],
            flags.Select(f => (f.InstrumentCode, f.ItemNumber, f.Area)));
        Assert.Equal((QuestionnaireStatus.Completed, CompletionMode.Online), (request.Status, request.Mode));
    }

    [Fact]
    public void The_risk_score_is_not_prorated_a_missing_item_gives_no_score()
    {
        var (request, core10, risk) = Sitting();
        request.SaveAnswers(core10.Id, Answers(1, 1, 1, 1, 1, -1, 1, 1, 1, 1), Now);
        request.SaveAnswers(risk.Id, Answers(0, 0, 0, 0), Now);
        request.Complete(CompletionMode.Online, null, Now);

        Assert.Null(risk.Scores.Single().Value);
        Assert.True(core10.Scores.Single().Prorated); // CORE-10 itself may miss one
    }

    [Fact]
    public void Answers_keep_scoring_with_the_version_they_were_given_under()
    {
        // Version 2 of a definition moves the cut-off; a sitting pinned to version 1 still uses 11.
        var v2Definition = Core10 with
        {
            Scores = [Core10.Scores.Single() with { ClinicalCutoff = new ClinicalCutoff(15, ClinicalWhen.AtOrAbove) }],
        };
        var v1 = new Instrument { Id = 1, Code = "CORE-10", Version = 1, DefinitionJson = Core10.ToJson() };
        var v2 = new Instrument { Id = 2, Code = "CORE-10", Version = 2, DefinitionJson = v2Definition.ToJson() };
        var old = QuestionnaireRequest.Create(7, 31, Timepoint.Intake, null, [v1], Now.AddDays(7), Therapist, Now);
        var current = QuestionnaireRequest.Create(7, 32, Timepoint.Intake, null, [v2], Now.AddDays(7), Therapist, Now);
        foreach (var request in new[] { old, current })
        {
            request.Responses[0].Id = 50 + request.PersonId;
            request.SaveAnswers(request.Responses[0].Id, Answers(1, 3, 3, 1, 1, 0, 2, 2, 2, 1), Now); // total 12
            request.Complete(CompletionMode.EnteredByTherapist, Therapist, Now);
        }
        Assert.Equal((12.0, true), (old.Responses[0].Scores[0].Value!.Value, old.Responses[0].Scores[0].IsClinical!.Value));
        Assert.Equal((12.0, false), (current.Responses[0].Scores[0].Value!.Value, current.Responses[0].Scores[0].IsClinical!.Value));
    }

    [Fact]
    public void A_completed_request_cannot_be_answered_again_and_entry_on_paper_names_who_entered_it()
    {
        var (request, core10, _) = Sitting();
        Assert.Throws<DomainException>(() => request.Complete(CompletionMode.Online, null, Now)); // nothing answered
        request.SaveAnswers(core10.Id, Answers(0, 4, 4, 0, 0, 0, 0, 0, 0, 0), Now);
        Assert.Throws<DomainException>(() => request.Complete(CompletionMode.EnteredByTherapist, null, Now));
        request.Complete(CompletionMode.EnteredByTherapist, Therapist, Now);
        Assert.Equal(Therapist.Name, request.EnteredByName);
        Assert.Throws<DomainException>(() => request.SaveAnswers(core10.Id, Answers(1), Now));
        Assert.Throws<DomainException>(() => request.Complete(CompletionMode.Online, null, Now));
    }

    [Fact]
    public void A_link_is_random_stored_only_as_a_hash_replaced_when_sent_again_and_dead_once_expired_or_completed()
    {
        var (request, core10, _) = Sitting();
        var first = request.IssueLink(Now, TimeSpan.FromDays(14));
        var second = request.IssueLink(Now, TimeSpan.FromDays(14));
        Assert.NotEqual(first, second);
        Assert.Equal(43, second.Length); // 256 bits, base64url
        Assert.Equal(QuestionnaireRequest.HashToken(second), request.TokenHash);
        Assert.NotEqual(QuestionnaireRequest.HashToken(first), request.TokenHash);
        Assert.True(request.LinkWorks(Now.AddDays(13.9)));
        Assert.False(request.LinkWorks(Now.AddDays(14)));

        request.SaveAnswers(core10.Id, Answers(0, 4, 4, 0, 0, 0, 0, 0, 0, 0), Now);
        request.Complete(CompletionMode.Online, null, Now);
        Assert.False(request.LinkWorks(Now));
    }

    [Fact]
    public void Csi4_runs_from_0_to_21_has_no_reversed_items_no_prorating_and_13_5_as_the_threshold()
    {
        Assert.Equal(21, Total(Csi4, 6, 5, 5, 5).Value);
        Assert.Equal(0, Total(Csi4, 0, 0, 0, 0).Value);
        var dissatisfied = Total(Csi4, 3, 4, 3, 3);
        Assert.Equal((13.0, true, "Dissatisfied"), (dissatisfied.Value!.Value, dissatisfied.IsClinical!.Value, dissatisfied.Band));
        var satisfied = Total(Csi4, 4, 4, 3, 3);
        Assert.Equal((14.0, false, "Satisfied"), (satisfied.Value!.Value, satisfied.IsClinical!.Value, satisfied.Band));
        Assert.Null(Total(Csi4, 4, 4, 3, -1).Value);
    }

    [Fact]
    public void Csi4_improvement_is_an_increase_and_has_no_reliable_change_index_of_its_own()
    {
        var change = ScoreChange.Between(Csi4.Scores.Single(), 9, 15);
        Assert.Equal(6, change.Improvement);
        Assert.Equal(ReliableChange.NotDefined, change.Reliable);
        Assert.True(change.MovedOutOfClinicalRange);
        Assert.Equal(-4, ScoreChange.Between(Csi4.Scores.Single(), 15, 11).Improvement);
    }

    [Fact]
    public void Phq9_and_gad7_caseness_ranges_and_the_suicide_item()
    {
        Assert.Equal(27, Total(Phq9, 3, 3, 3, 3, 3, 3, 3, 3, 3).Value);
        Assert.Equal(21, Total(Gad7, 3, 3, 3, 3, 3, 3, 3).Value);
        Assert.True(Total(Phq9, 2, 2, 2, 2, 2, 0, 0, 0, 0).IsClinical); // 10
        Assert.False(Total(Phq9, 2, 2, 2, 2, 1, 0, 0, 0, 0).IsClinical); // 9
        Assert.True(Total(Gad7, 2, 2, 2, 2, 0, 0, 0).IsClinical); // 8
        Assert.False(Total(Gad7, 2, 2, 2, 1, 0, 0, 0).IsClinical); // 7
        Assert.Null(Total(Phq9, 2, 2, 2, 2, 2, 0, 0, 0, -1).Value);
        Assert.Equal(RiskArea.SelfHarmSuicide, Assert.Single(ScoringEngine.Score(Phq9, Answers(0, 0, 0, 0, 0, 0, 0, 0, 1)).RiskFlags).Area);
        Assert.Equal(ReliableChange.ReliableImprovement, ScoreChange.Between(Phq9.Scores.Single(), 16, 10).Reliable);
        Assert.Equal(ReliableChange.NoReliableChange, ScoreChange.Between(Phq9.Scores.Single(), 16, 11).Reliable);
        Assert.Equal(ReliableChange.ReliableImprovement, ScoreChange.Between(Gad7.Scores.Single(), 12, 8).Reliable);
        Assert.Equal(ReliableChange.NoReliableChange, ScoreChange.Between(Gad7.Scores.Single(), 12, 9).Reliable);
    }

    [Theory]
    // both fall reliably to below caseness: recovered, reliably improved, reliably recovered
    [InlineData(15, 8, 12, 6, true, true, true, true)]
    // below caseness on both at the end but neither fall is reliable: recovered only
    [InlineData(12, 9, 9, 7, true, true, false, false)]
    // a reliable fall on one and a reliable rise on the other: not reliably improved
    [InlineData(18, 9, 6, 12, true, false, false, false)]
    // not at caseness at the start: cannot recover
    [InlineData(8, 2, 6, 1, false, false, true, false)]
    public void Nhs_talking_therapies_recovery_and_reliable_improvement_use_both_measures(
        double phqFirst, double phqLast, double gadFirst, double gadLast,
        bool caseness, bool recovered, bool reliablyImproved, bool reliablyRecovered)
    {
        var outcome = TalkingTherapiesOutcome.Between(
            ScoreChange.Between(Phq9.Scores.Single(), phqFirst, phqLast),
            ScoreChange.Between(Gad7.Scores.Single(), gadFirst, gadLast));
        Assert.Equal(
            (caseness, recovered, reliablyImproved, reliablyRecovered),
            (outcome.AtCasenessAtFirst, outcome.Recovered, outcome.ReliablyImproved, outcome.ReliablyRecovered));
    }

    [Fact]
    public void Argument_is_the_mean_item_score_and_hitting_is_a_safety_flag()
    {
        var argument = BuiltInInstruments.Definition(BuiltInInstruments.Argument);
        var outcome = ScoringEngine.Score(argument, Answers(2, 1, 1));
        Assert.Equal(4.0 / 3, outcome.Scores.Single().Value!.Value, 10);
        Assert.Equal(RiskArea.DomesticAbuse, Assert.Single(outcome.RiskFlags).Area);
        Assert.Empty(ScoringEngine.Score(argument, Answers(3, 3, 0)).RiskFlags);
    }

    [Theory]
    [InlineData(0, "Detractor")]
    [InlineData(6, "Detractor")]
    [InlineData(7, "Passive")]
    [InlineData(8, "Passive")]
    [InlineData(9, "Promoter")]
    [InlineData(10, "Promoter")]
    public void Net_promoter_answers_fall_into_detractors_passives_and_promoters(int answer, string category) =>
        Assert.Equal(category, Total(BuiltInInstruments.Definition(BuiltInInstruments.NetPromoter), answer).Band);

    [Fact]
    public void The_satisfaction_questionnaire_has_eleven_statements_answered_1_to_3_and_no_total()
    {
        var satisfaction = BuiltInInstruments.Definition(BuiltInInstruments.Satisfaction);
        Assert.Equal(11, satisfaction.Items.Count);
        Assert.Equal(["Certainly true", "Partly true", "Not true"], satisfaction.OptionsFor(satisfaction.Items[0]).Select(o => o.Label));
        Assert.Empty(ScoringEngine.Score(satisfaction, Answers(1, 1, 2, 1, 3, 1, 1, 1, 1, 1, 1)).Scores);
    }

    [Fact]
    public void A_broken_definition_gets_every_problem_listed()
    {
        var broken = Core10 with
        {
            Code = "bad code!",
            Items = [.. Core10.Items.Select(i => i.Number == 4 ? i with { Responses = "missing" } : i), Core10.Items[0] with { Number = 12 }],
            Scores = [Core10.Scores[0], Core10.Scores[0] with { Items = [99], MaxMissing = 5 }],
        };
        var problems = InstrumentDefinitionRules.Problems(broken);
        Assert.Contains(problems, p => p.StartsWith("code:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("items[3]: responses \"missing\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("items[10]: items are numbered", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores: each score needs its own key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[1]: items refer to item numbers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("scores[1]: maxMissing", StringComparison.Ordinal));
        Assert.Throws<DomainException>(() => InstrumentDefinition.Parse("{ \"code\": \"X\", \"itemz\": [] }"));
        // Empty entries are problems, not crashes.
        var nulls = InstrumentDefinition.Parse("""{ "code": "X", "name": "X", "responseSets": { "a": [null, { "value": 1, "label": "One" }] }, "items": [null], "scores": [null] }""");
        Assert.Equal(["responseSets.a: an option is empty (null).", "items[0]: the item is empty (null).", "scores: a score is empty (null)."], InstrumentDefinitionRules.Problems(nulls));
    }

    private static readonly DateTime Now = new(2026, 11, 4, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Therapist = new("ther-1", "Terry Therapist");

    private static (QuestionnaireRequest Request, QuestionnaireResponse Core10, QuestionnaireResponse Risk) Sitting()
    {
        var instruments = new[]
        {
            new Instrument { Id = 1, Code = "CORE-10", Version = 1, DefinitionJson = BuiltInInstruments.Json("CORE-10") },
            new Instrument { Id = 2, Code = "CORE-RISK", Version = 1, DefinitionJson = BuiltInInstruments.Json("CORE-RISK") },
        };
        var request = QuestionnaireRequest.Create(7, 31, Timepoint.Intake, null, instruments, Now.AddDays(7), Therapist, Now);
        request.Responses[0].Id = 101;
        request.Responses[1].Id = 102;
        return (request, request.Responses[0], request.Responses[1]);
    }
}
