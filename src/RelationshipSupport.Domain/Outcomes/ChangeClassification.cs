namespace RelationshipSupport.Domain.Outcomes;

public enum ReliableChange
{
    /// <summary>The instrument defines no reliable change index.</summary>
    NotDefined = 0,
    NoReliableChange = 1,
    ReliableImprovement = 2,
    ReliableDeterioration = 3,
}

/// <summary>
/// How one score moved between two administrations, as Jacobson and Truax (1991) defined it: a change is
/// <em>reliable</em> when it is at least the reliable change index in size; an improvement is <em>reliable and
/// clinically significant</em> when it is reliable and the score also crossed from the clinical to the non-clinical
/// range (CORE-10: from 11 or more to below 11 with a fall of 6 or more).
/// </summary>
public sealed record ScoreChange(
    double First,
    double Last,
    /// <summary>Positive when the client improved, whichever way the scale runs.</summary>
    double Improvement,
    ReliableChange Reliable,
    bool? ClinicalAtFirst,
    bool? ClinicalAtLast)
{
    /// <summary>Clinical at the first administration and not at the last (no reliability requirement).</summary>
    public bool MovedOutOfClinicalRange => ClinicalAtFirst == true && ClinicalAtLast == false;

    public bool ReliableAndClinicallySignificantImprovement =>
        Reliable == ReliableChange.ReliableImprovement && MovedOutOfClinicalRange;

    public static ScoreChange Between(ScoreDefinition score, double first, double last)
    {
        var improvement = score.Direction == Direction.HigherIsWorse ? first - last : last - first;
        var reliable = score.ReliableChange switch
        {
            null => ReliableChange.NotDefined,
            // A small tolerance: prorated scores are means × n and can land a hair under a whole number.
            { } index when improvement >= index - 1e-9 => ReliableChange.ReliableImprovement,
            { } index when -improvement >= index - 1e-9 => ReliableChange.ReliableDeterioration,
            _ => ReliableChange.NoReliableChange,
        };
        return new ScoreChange(first, last, improvement, reliable,
            score.ClinicalCutoff?.IsClinical(first), score.ClinicalCutoff?.IsClinical(last));
    }
}

/// <summary>
/// NHS Talking Therapies' paired outcome for depression (PHQ-9) and anxiety (GAD-7), first against last measure:
/// <em>caseness</em> is either at or above its cut-off; <em>recovery</em> is caseness at the first measure and below
/// caseness on both at the last; <em>reliable improvement</em> is a reliable fall on at least one and a reliable rise
/// on neither; <em>reliable recovery</em> is both.
/// </summary>
public sealed record TalkingTherapiesOutcome(bool AtCasenessAtFirst, bool Recovered, bool ReliablyImproved, bool ReliablyDeteriorated)
{
    public bool ReliablyRecovered => Recovered && ReliablyImproved;

    public static TalkingTherapiesOutcome Between(ScoreChange depression, ScoreChange anxiety)
    {
        var casenessFirst = depression.ClinicalAtFirst == true || anxiety.ClinicalAtFirst == true;
        var belowBothLast = depression.ClinicalAtLast == false && anxiety.ClinicalAtLast == false;
        var anyReliableFall = depression.Reliable == ReliableChange.ReliableImprovement || anxiety.Reliable == ReliableChange.ReliableImprovement;
        var anyReliableRise = depression.Reliable == ReliableChange.ReliableDeterioration || anxiety.Reliable == ReliableChange.ReliableDeterioration;
        return new TalkingTherapiesOutcome(
            casenessFirst,
            Recovered: casenessFirst && belowBothLast,
            ReliablyImproved: anyReliableFall && !anyReliableRise,
            ReliablyDeteriorated: anyReliableRise);
    }
}
