using System.Globalization;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Web.Pages.Admin.Instruments;

/// <summary>A questionnaire definition's scoring rules in plain English, for administrators checking a definition.</summary>
public static class InstrumentDisplay
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateTime utc) => UkTime.ToLocal(utc).ToString("d MMM yyyy", UkCulture);

    public static string Number(double value) => value.ToString("0.###", UkCulture);

    public static string Programmes(int count) => count switch
    {
        0 => "Not given by any programme",
        1 => "Given by 1 programme",
        _ => $"Given by {count} programmes",
    };

    /// <summary>"Not at all (0), Only occasionally (1), …".</summary>
    public static string Options(IEnumerable<ResponseOption> options) =>
        string.Join(", ", options.Select(o => $"{o.Label} ({o.Value})"));

    public static string Risk(RiskRule risk) =>
        $"{CaseText.Describe(risk.Area)}: an answer of {risk.AtOrAbove} or more alerts the case's clinicians";

    public static string ItemsIn(InstrumentDefinition definition, ScoreDefinition score) => score.Items.Count == 0
        ? $"All {definition.Items.Count} questions"
        : (score.Items.Count == 1 ? "Question " : "Questions ") + string.Join(", ", score.Items.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>"CORE-10:6" as "CORE-10 question 6".</summary>
    public static string Linked(string link)
    {
        var at = link.LastIndexOf(':');
        return at < 0 ? link : $"{link[..at]} question {link[(at + 1)..]}";
    }

    public static int ItemCount(InstrumentDefinition definition, ScoreDefinition score) =>
        (score.Items.Count == 0 ? definition.Items.Count : score.Items.Count) + score.LinkedItems.Count;

    public static string Aggregate(Aggregate aggregate) => aggregate == Domain.Outcomes.Aggregate.Mean
        ? "Mean (the average of its questions' scores)"
        : "Sum (its questions' scores added up)";

    /// <summary>How many items may be missing and what the score is then, as the scoring engine applies it.</summary>
    public static string Missing(InstrumentDefinition definition, ScoreDefinition score)
    {
        var n = ItemCount(definition, score);
        if (score.MaxMissing == 0)
        {
            return $"Every one of its {n} questions must be answered; otherwise there is no score.";
        }
        var upTo = score.MaxMissing.ToString(CultureInfo.InvariantCulture);
        var more = score.MaxMissing + 1;
        return score.Aggregate == Domain.Outcomes.Aggregate.Mean
            ? $"Up to {upTo} of its {n} questions may be unanswered: the score is then the mean of the questions answered. With {more} or more unanswered there is no score."
            : $"Up to {upTo} of its {n} questions may be unanswered: the score is then prorated, the mean of the questions answered × {n}. With {more} or more unanswered there is no score.";
    }

    public static string Direction(Direction direction) => direction == Domain.Outcomes.Direction.HigherIsBetter
        ? "Higher is better: improvement is a rise"
        : "Higher is worse: improvement is a fall";

    public static string Cutoff(ClinicalCutoff cutoff)
    {
        var rule = cutoff.ClinicalWhen == ClinicalWhen.AtOrAbove
            ? $"{Number(cutoff.Value)} and above is in the clinical range"
            : $"Below {Number(cutoff.Value)} is in the clinical range";
        return cutoff.Label is { } label ? $"{rule}; shown as “{label}”" : rule;
    }

    public static string ReliableChange(ScoreDefinition score) =>
        score.ReliableChange is { } rc
            ? $"A change of {Number(rc)} or more is reliable: a {(score.Direction == Domain.Outcomes.Direction.HigherIsBetter ? "rise" : "fall")} of {Number(rc)} or more is reliable improvement, a {(score.Direction == Domain.Outcomes.Direction.HigherIsBetter ? "fall" : "rise")} of {Number(rc)} or more reliable deterioration"
            : "Not defined";

    /// <summary>Each band with its range: "0 to under 6: Healthy", …, "25 and above: Severe".</summary>
    public static IReadOnlyList<string> Bands(ScoreDefinition score) =>
        score.Bands.Select((band, i) => i + 1 < score.Bands.Count
                ? $"{Number(band.From)} to under {Number(score.Bands[i + 1].From)}: {band.Label}"
                : $"{Number(band.From)} and above: {band.Label}")
            .ToList();
}
