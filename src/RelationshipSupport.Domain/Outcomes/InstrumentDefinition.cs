using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Domain.Outcomes;

/// <summary>
/// A questionnaire as data: its items with their exact wording, the answers each item offers and their values, which
/// items are reverse-scored or carry risk, and the scores made from them (how they aggregate, how many items may be
/// missing, cut-off, bands, reliable change, direction). Built-in instruments and administrators' uploads use the
/// same JSON shape (docs/instrument-definitions.md); one <see cref="ScoringEngine"/> scores all of them.
/// A definition is immutable once stored: a change is a new version.
/// </summary>
public sealed record InstrumentDefinition
{
    /// <summary>Stable code (e.g. <c>CORE-10</c>): programmes schedule instruments by code; answers keep the version.</summary>
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>What the client reads first (e.g. "Over the last week…").</summary>
    public string? Instructions { get; init; }
    /// <summary>Copyright line shown with the questionnaire (e.g. "© CORE System Trust").</summary>
    public string? Copyright { get; init; }
    /// <summary>Terms of use, for administrators (may it be altered, is registration needed).</summary>
    public string? Licence { get; init; }
    public string? Source { get; init; }

    /// <summary>Named answer scales the items refer to (e.g. <c>frequency</c>: Not at all (0) … Most or all of the time (4)).</summary>
    public Dictionary<string, List<ResponseOption>> ResponseSets { get; init; } = [];
    public List<InstrumentItem> Items { get; init; } = [];
    /// <summary>Scores computed from the items; empty when the instrument is reported item by item (satisfaction).</summary>
    public List<ScoreDefinition> Scores { get; init; } = [];

    public InstrumentItem Item(int number) => Items.Single(i => i.Number == number);
    public IReadOnlyList<ResponseOption> OptionsFor(InstrumentItem item) => ResponseSets[item.Responses];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a definition; a malformed file gives a <see cref="DomainException"/> that says where.</summary>
    public static InstrumentDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<InstrumentDefinition>(json, Json)
                ?? throw new DomainException("The definition file is empty.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new DomainException($"The definition file is not valid JSON for a questionnaire{where}: {FirstSentence(ex.Message)}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}

public sealed record ResponseOption(int Value, string Label);

public sealed record InstrumentItem
{
    /// <summary>Position on the form, from 1.</summary>
    public int Number { get; init; }
    public string Text { get; init; } = "";
    /// <summary>The key of the response set the item offers.</summary>
    public string Responses { get; init; } = "";
    /// <summary>Scored as (lowest value + highest value − answer), e.g. 4 − answer on a 0–4 scale.</summary>
    public bool Reverse { get; init; }
    /// <summary>Where the item comes from when it is borrowed from a longer measure (e.g. "CORE-OM item 24").</summary>
    public string? Origin { get; init; }
    /// <summary>An answer at or above the threshold alerts the case's clinicians whatever the scores.</summary>
    public RiskRule? Risk { get; init; }
}

public sealed record RiskRule(RiskArea Area, int AtOrAbove);

public enum Aggregate
{
    Sum = 1,
    Mean = 2,
}

public enum Direction
{
    /// <summary>Higher scores mean more distress (CORE-10, PHQ-9): improvement is a fall.</summary>
    HigherIsWorse = 1,
    /// <summary>Higher scores mean better (CSI-4): improvement is a rise.</summary>
    HigherIsBetter = 2,
}

public enum ClinicalWhen
{
    AtOrAbove = 1,
    Below = 2,
}

public sealed record ClinicalCutoff(double Value, ClinicalWhen ClinicalWhen, string? Label = null)
{
    public bool IsClinical(double score) => ClinicalWhen == ClinicalWhen.AtOrAbove ? score >= Value : score < Value;
}

/// <summary>A band starting at <see cref="From"/> and running to the next band's start.</summary>
public sealed record ScoreBand(double From, string Label);

public sealed record ScoreDefinition
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The instrument's own items in the score; empty means all of them.</summary>
    public List<int> Items { get; init; } = [];
    /// <summary>Items of another instrument answered at the same sitting, as <c>CODE:number</c> (the "Risk" score uses CORE-10 item 6).</summary>
    public List<string> LinkedItems { get; init; } = [];
    public Aggregate Aggregate { get; init; } = Aggregate.Sum;
    /// <summary>
    /// How many of the score's items may be missing and still give a score. With a sum, the score is prorated
    /// (mean of the answered items × number of items); with a mean, it is the mean of the answered items.
    /// </summary>
    public int MaxMissing { get; init; }
    public Direction Direction { get; init; } = Direction.HigherIsWorse;
    public ClinicalCutoff? ClinicalCutoff { get; init; }
    /// <summary>The smallest change that is reliable (beyond measurement error), in score points.</summary>
    public double? ReliableChange { get; init; }
    public List<ScoreBand> Bands { get; init; } = [];
    /// <summary>Decimal places to show (the stored value is not rounded).</summary>
    public int Decimals { get; init; }

    public string? BandFor(double value) => Bands.LastOrDefault(b => value >= b.From)?.Label;
}
