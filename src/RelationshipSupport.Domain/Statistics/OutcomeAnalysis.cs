using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Domain.Statistics;

/// <summary>One stored score of one participant (already limited to those who consented to evaluation).</summary>
public sealed record ScorePoint(int ParticipantId, Timepoint Timepoint, DateTime CompletedAtUtc, double Value);

/// <summary>What the analysis needs to know of a participant: gender (NHS code) and attended sessions.</summary>
public sealed record AnalysedParticipant(int Id, string? GenderCode, int SessionsAttended);

/// <summary>Reliable and clinically significant change among the paired participants (Jacobson and Truax).</summary>
public sealed record ChangeCounts(
    int Pairs,
    int ReliableImprovement,
    int ReliableDeterioration,
    int ClinicalAtIntake,
    int ReliableAndClinicallySignificant,
    /// <summary>Attended sessions of those with reliable and clinically significant improvement.</summary>
    Summary SessionsOfImproved,
    int? FewestSessionsOfImproved,
    int? MostSessionsOfImproved)
{
    public double? PercentReliableAndClinicallySignificantOfClinical => Stats.Percent(ReliableAndClinicallySignificant, ClinicalAtIntake);
}

/// <summary>Intake, end and paired figures for one score of one instrument (e.g. CORE-10 total).</summary>
public sealed record MeasureAnalysis(
    string InstrumentCode,
    string ScoreKey,
    string Name,
    ScoreDefinition Definition,
    Summary Intake,
    int IntakeClinical,
    Summary End,
    int EndClinical,
    PairedTTest Paired,
    PairedTTest PairedClinicalAtIntake,
    PairedTTest PairedMen,
    PairedTTest PairedWomen,
    ChangeCounts Change)
{
    public double? IntakePercentClinical => Definition.ClinicalCutoff is null ? null : Stats.Percent(IntakeClinical, Intake.N);
    public double? EndPercentClinical => Definition.ClinicalCutoff is null ? null : Stats.Percent(EndClinical, End.N);
}

/// <summary>
/// The outcome figures of the reports (design/reports.md): <em>intake</em> is a participant's first intake score;
/// <em>end</em> is their last end-of-sessions score or, when there is none, their last score from a session after
/// intake (the NHS Talking Therapies "last available score" rule); paired analyses use participants with both.
/// d = intake − end. Caseness uses the score definition's cut-off; reliable change its index.
/// </summary>
public static class OutcomeAnalysis
{
    public const string EndRule =
        "End score: the end-of-sessions questionnaire; where there is none, the last score given at a session after intake (the last available score).";

    /// <summary>
    /// Each participant's intake score (their first at intake) and end score (their last at the ending or, failing
    /// that, their last at a session after intake), keyed by participant: the rule every outcome figure uses.
    /// </summary>
    public static (Dictionary<int, double> Intake, Dictionary<int, double> End) IntakeAndEnd(IEnumerable<ScorePoint> points)
    {
        var intake = new Dictionary<int, double>();
        var end = new Dictionary<int, double>();
        foreach (var participant in points.GroupBy(p => p.ParticipantId))
        {
            var first = participant.Where(p => p.Timepoint == Timepoint.Intake).MinBy(p => p.CompletedAtUtc);
            if (first is not null)
            {
                intake[participant.Key] = first.Value;
            }
            var last = participant.Where(p => p.Timepoint == Timepoint.End).MaxBy(p => p.CompletedAtUtc)
                ?? (first is null ? null : participant
                    .Where(p => p.Timepoint == Timepoint.EverySession && p.CompletedAtUtc > first.CompletedAtUtc)
                    .MaxBy(p => p.CompletedAtUtc));
            if (last is not null)
            {
                end[participant.Key] = last.Value;
            }
        }
        return (intake, end);
    }

    public static MeasureAnalysis Analyse(
        string instrumentCode, ScoreDefinition score, IReadOnlyCollection<ScorePoint> points,
        IReadOnlyDictionary<int, AnalysedParticipant> participants)
    {
        var (intake, end) = IntakeAndEnd(points);

        bool Clinical(double value) => score.ClinicalCutoff?.IsClinical(value) == true;
        var pairs = intake.Where(i => end.ContainsKey(i.Key)).Select(i => (Id: i.Key, Before: i.Value, After: end[i.Key])).ToList();
        PairedTTest PairedOf(Func<(int Id, double Before, double After), bool> which) =>
            Stats.Paired(pairs.Where(which).Select(p => (p.Before, p.After)).ToList());
        string? Gender(int id) => participants.TryGetValue(id, out var p) ? p.GenderCode : null;

        var changes = pairs.Select(p => (p.Id, Change: ScoreChange.Between(score, p.Before, p.After))).ToList();
        var improvedSessions = changes.Where(c => c.Change.ReliableAndClinicallySignificantImprovement)
            .Select(c => participants.TryGetValue(c.Id, out var p) ? p.SessionsAttended : 0).ToList();
        var counts = new ChangeCounts(
            pairs.Count,
            changes.Count(c => c.Change.Reliable == ReliableChange.ReliableImprovement),
            changes.Count(c => c.Change.Reliable == ReliableChange.ReliableDeterioration),
            changes.Count(c => c.Change.ClinicalAtFirst == true),
            improvedSessions.Count,
            Stats.Describe(improvedSessions.Select(s => (double)s)),
            improvedSessions.Count == 0 ? null : improvedSessions.Min(),
            improvedSessions.Count == 0 ? null : improvedSessions.Max());

        return new MeasureAnalysis(
            instrumentCode, score.Key, score.Name, score,
            Stats.Describe(intake.Values), intake.Values.Count(Clinical),
            Stats.Describe(end.Values), end.Values.Count(Clinical),
            PairedOf(_ => true),
            PairedOf(p => Clinical(p.Before)),
            PairedOf(p => Gender(p.Id) == "1"),
            PairedOf(p => Gender(p.Id) == "2"),
            counts);
    }
}
