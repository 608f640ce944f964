using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Tests.Domain;

/// <summary>The reports' outcome figures for one measure, on a small set worked by hand.</summary>
public sealed class OutcomeAnalysisTests
{
    private static readonly ScoreDefinition Core10 = BuiltInInstruments.Definition(BuiltInInstruments.Core10).Scores.Single();
    private static readonly DateTime Day = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    private static ScorePoint At(int participant, Timepoint timepoint, int day, double value) => new(participant, timepoint, Day.AddDays(day), value);

    [Fact]
    public void Intake_end_paired_and_reliable_change_figures()
    {
        ScorePoint[] points =
        [
            At(1, Timepoint.Intake, 0, 20), At(1, Timepoint.End, 60, 12),
            At(2, Timepoint.Intake, 0, 16), At(2, Timepoint.EverySession, 30, 14), At(2, Timepoint.End, 60, 9),
            At(3, Timepoint.Intake, 0, 8), At(3, Timepoint.End, 50, 9),
            // no end questionnaire: the last session score after intake counts as end
            At(4, Timepoint.EverySession, -5, 30), At(4, Timepoint.Intake, 0, 14), At(4, Timepoint.EverySession, 20, 15), At(4, Timepoint.EverySession, 40, 10),
            At(5, Timepoint.Intake, 0, 12),
            At(6, Timepoint.End, 70, 7),
        ];
        var people = new Dictionary<int, AnalysedParticipant>
        {
            [1] = new(1, "1", 6), [2] = new(2, "2", 5), [3] = new(3, "1", 4), [4] = new(4, "2", 6), [5] = new(5, "2", 1), [6] = new(6, null, 6),
        };

        var result = OutcomeAnalysis.Analyse("CORE-10", Core10, points, people);

        // Intake 20, 16, 8, 14, 12: mean 14, four of five at 11 or above.
        Assert.Equal((5, 14.0, 4, 80.0), (result.Intake.N, result.Intake.Mean!.Value, result.IntakeClinical, result.IntakePercentClinical!.Value));
        // End 12, 9, 9, 10, 7: mean 9.4, one at 11 or above.
        Assert.Equal((5, 9.4, 1), (result.End.N, Math.Round(result.End.Mean!.Value, 10), result.EndClinical));
        // Pairs 1–4: d = 8, 7, −1, 4; mean 4.5; sd √(49/3); t = 4.5 / (sd / 2) = 2.2269; df 3.
        Assert.Equal(4, result.Paired.N);
        Assert.Equal(4.5, result.Paired.Difference.Mean!.Value, 10);
        Assert.Equal(Math.Sqrt(49.0 / 3), result.Paired.Difference.Sd!.Value, 10);
        Assert.Equal(4.5 / (Math.Sqrt(49.0 / 3) / 2), result.Paired.T!.Value, 10);
        Assert.Equal(3, result.Paired.Df);
        // Clinically distressed at intake: 1, 2, 4 (d = 8, 7, 4); men 1 and 3; women 2 and 4.
        Assert.Equal((3, 19.0 / 3), (result.PairedClinicalAtIntake.N, result.PairedClinicalAtIntake.Difference.Mean!.Value));
        Assert.Equal((2, 3.5), (result.PairedMen.N, result.PairedMen.Difference.Mean!.Value));
        Assert.Equal((2, 5.5), (result.PairedWomen.N, result.PairedWomen.Difference.Mean!.Value));
        // Reliable improvement: 1 (−8) and 2 (−7); reliable and clinically significant: 2 only (16 → 9), after 5 sessions.
        Assert.Equal(new ChangeCounts(4, 2, 0, 3, 1, result.Change.SessionsOfImproved, 5, 5), result.Change);
        Assert.Equal(5, result.Change.SessionsOfImproved.Mean);
        Assert.Equal(100.0 / 3, result.Change.PercentReliableAndClinicallySignificantOfClinical!.Value, 10);
    }

    [Fact]
    public void No_pairs_gives_stated_figures_and_a_measure_without_cut_off_has_no_percentages()
    {
        var risk = BuiltInInstruments.Definition(BuiltInInstruments.CoreRisk).Scores.Single();
        var result = OutcomeAnalysis.Analyse("CORE-RISK", risk, [At(1, Timepoint.Intake, 0, 3)], new Dictionary<int, AnalysedParticipant>());
        Assert.Null(result.IntakePercentClinical);
        Assert.Equal(0, result.End.N);
        Assert.Equal("not computable: 0 pairs (at least 2 needed)", result.Paired.Format());
        Assert.Null(result.Change.FewestSessionsOfImproved);
    }
}
