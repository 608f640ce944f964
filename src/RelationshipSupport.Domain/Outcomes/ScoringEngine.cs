namespace RelationshipSupport.Domain.Outcomes;

/// <summary>One score of one completed questionnaire. <see cref="Value"/> is null when too many items were missing.</summary>
public sealed record ScoreResult(
    string Key,
    string Name,
    double? Value,
    int ItemsAnswered,
    int ItemsInScore,
    bool Prorated,
    bool? IsClinical,
    string? Band)
{
    public string? NotComputableReason => Value is null ? NotScored(ItemsAnswered, ItemsInScore) : null;

    /// <summary>Why a score has no value, in the words staff read (one wording for fresh and stored scores).</summary>
    public static string NotScored(int itemsAnswered, int itemsInScore) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Not scored: {itemsInScore - itemsAnswered} of {itemsInScore} items unanswered");
}

/// <summary>An answer at or above an item's risk threshold.</summary>
public sealed record RiskFlag(string InstrumentCode, int ItemNumber, string ItemText, Cases.RiskArea Area, int Answer);

public sealed record ScoringOutcome(IReadOnlyList<ScoreResult> Scores, IReadOnlyList<RiskFlag> RiskFlags)
{
    public ScoreResult? Score(string key) => Scores.SingleOrDefault(s => s.Key == key);
}

/// <summary>
/// The one scoring engine: reverse-scores, sums or averages, prorates within each score's missing-item rule,
/// applies the cut-off and bands, and finds risk answers, for any <see cref="InstrumentDefinition"/>.
/// </summary>
public static class ScoringEngine
{
    /// <param name="answers">The instrument's answers by item number; an unanswered item is absent.</param>
    /// <param name="linkedAnswers">Answers to other instruments at the same sitting, keyed <c>CODE:number</c>.</param>
    public static ScoringOutcome Score(
        InstrumentDefinition definition,
        IReadOnlyDictionary<int, int> answers,
        IReadOnlyDictionary<string, int>? linkedAnswers = null)
    {
        foreach (var (number, value) in answers)
        {
            var item = definition.Items.SingleOrDefault(i => i.Number == number)
                ?? throw new DomainException($"{definition.Code} has no item {number}.");
            if (definition.OptionsFor(item).All(o => o.Value != value))
            {
                throw new DomainException($"{value} is not an answer to {definition.Code} item {number}.");
            }
        }

        var scores = definition.Scores.Select(s => ScoreOne(definition, s, answers, linkedAnswers)).ToList();
        var flags = definition.Items
            .Where(i => i.Risk is not null && answers.TryGetValue(i.Number, out var a) && a >= i.Risk.AtOrAbove)
            .Select(i => new RiskFlag(definition.Code, i.Number, i.Text, i.Risk!.Area, answers[i.Number]))
            .ToList();
        return new ScoringOutcome(scores, flags);
    }

    private static ScoreResult ScoreOne(
        InstrumentDefinition definition, ScoreDefinition score,
        IReadOnlyDictionary<int, int> answers, IReadOnlyDictionary<string, int>? linkedAnswers)
    {
        var itemNumbers = score.Items.Count == 0 ? definition.Items.Select(i => i.Number).ToList() : score.Items;
        var values = new List<double>();
        foreach (var number in itemNumbers)
        {
            if (answers.TryGetValue(number, out var answer))
            {
                values.Add(Scored(definition, definition.Item(number), answer));
            }
        }
        foreach (var linked in score.LinkedItems)
        {
            if (linkedAnswers is not null && linkedAnswers.TryGetValue(linked, out var answer))
            {
                values.Add(answer);
            }
        }

        var inScore = itemNumbers.Count + score.LinkedItems.Count;
        var missing = inScore - values.Count;
        if (values.Count == 0 || missing > score.MaxMissing)
        {
            return new ScoreResult(score.Key, score.Name, null, values.Count, inScore, false, null, null);
        }

        var value = score.Aggregate switch
        {
            Aggregate.Mean => values.Average(),
            // Prorating: the mean of the answered items times the number of items (the CORE System Trust's rule).
            _ => missing == 0 ? values.Sum() : values.Average() * inScore,
        };
        return new ScoreResult(
            score.Key, score.Name, value, values.Count, inScore,
            Prorated: missing > 0 && score.Aggregate == Aggregate.Sum,
            IsClinical: score.ClinicalCutoff?.IsClinical(value),
            Band: score.BandFor(value));
    }

    /// <summary>The item's contribution to scores: reversed items count as (lowest + highest − answer).</summary>
    public static int Scored(InstrumentDefinition definition, InstrumentItem item, int answer)
    {
        if (!item.Reverse)
        {
            return answer;
        }
        var options = definition.OptionsFor(item);
        return options.Min(o => o.Value) + options.Max(o => o.Value) - answer;
    }
}
