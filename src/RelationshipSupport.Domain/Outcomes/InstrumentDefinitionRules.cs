using System.Text.RegularExpressions;

namespace RelationshipSupport.Domain.Outcomes;

/// <summary>
/// What a definition must satisfy before it is stored: an administrator's upload gets every problem listed with
/// where it is, not the first one only. Built-in definitions pass the same rules (a test checks).
/// </summary>
public static partial class InstrumentDefinitionRules
{
    public const int MaxItems = 200;
    public const int MaxTextLength = 500;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}:[0-9]{1,3}$")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^[a-z][a-zA-Z0-9-]{0,31}$")]
    private static partial Regex KeyPattern();

    public static IReadOnlyList<string> Problems(InstrumentDefinition d)
    {
        var problems = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }

        Check(CodePattern().IsMatch(d.Code ?? ""), "code: 1–32 letters, digits or hyphens, starting with a letter or digit (e.g. CORE-10).");
        Check(!string.IsNullOrWhiteSpace(d.Name) && d.Name.Length <= 200, "name: required, at most 200 characters.");
        Check((d.Instructions?.Length ?? 0) <= 2000, "instructions: at most 2,000 characters.");
        Check((d.Licence?.Length ?? 0) <= 2000, "licence: at most 2,000 characters.");

        foreach (var (key, options) in d.ResponseSets ?? [])
        {
            Check(KeyPattern().IsMatch(key), $"responseSets.{key}: a key is lower camel case letters and digits.");
            Check(options is { Count: >= 2 and <= 20 }, $"responseSets.{key}: between 2 and 20 options.");
            if (options is null || options.Any(o => o is null))
            {
                Check(options is null, $"responseSets.{key}: an option is empty (null).");
                continue;
            }
            Check(options.Select(o => o.Value).Distinct().Count() == options.Count, $"responseSets.{key}: each option needs its own value.");
            Check(options.All(o => o.Value is >= 0 and <= 100), $"responseSets.{key}: values run from 0 to 100.");
            Check(options.All(o => !string.IsNullOrWhiteSpace(o.Label) && o.Label.Length <= 100), $"responseSets.{key}: every option needs a label of at most 100 characters.");
        }

        var items = d.Items ?? [];
        Check(items.Count is >= 1 and <= MaxItems, $"items: between 1 and {MaxItems} items.");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            if (item is null)
            {
                problems.Add($"{at}: the item is empty (null).");
                continue;
            }
            Check(item.Number == i + 1, $"{at}: items are numbered 1, 2, 3… in order (found {item.Number}).");
            Check(!string.IsNullOrWhiteSpace(item.Text) && item.Text.Length <= MaxTextLength, $"{at}: text is required, at most {MaxTextLength} characters.");
            if (d.ResponseSets is null || !d.ResponseSets.TryGetValue(item.Responses ?? "", out var options) || options is null)
            {
                problems.Add($"{at}: responses \"{item.Responses}\" is not one of the responseSets.");
                continue;
            }
            if (item.Risk is { } risk)
            {
                Check(Enum.IsDefined(risk.Area), $"{at}: risk.area is not a known risk area.");
                Check(options.Any(o => o.Value >= risk.AtOrAbove) && risk.AtOrAbove > options.Min(o => o.Value),
                    $"{at}: risk.atOrAbove must be one of the item's answers above its lowest.");
            }
        }

        var scores = d.Scores ?? [];
        if (scores.Any(s => s is null))
        {
            problems.Add("scores: a score is empty (null).");
            scores = [.. scores.Where(s => s is not null)];
        }
        Check(scores.Select(s => s.Key).Distinct().Count() == scores.Count, "scores: each score needs its own key.");
        for (var i = 0; i < scores.Count; i++)
        {
            var s = scores[i];
            var at = $"scores[{i}]";
            Check(KeyPattern().IsMatch(s.Key ?? ""), $"{at}: key is lower camel case letters and digits (e.g. total).");
            Check(!string.IsNullOrWhiteSpace(s.Name) && s.Name.Length <= 100, $"{at}: name is required, at most 100 characters.");
            var own = s.Items ?? [];
            Check(own.All(n => n >= 1 && n <= items.Count), $"{at}: items refer to item numbers that do not exist.");
            Check(own.Distinct().Count() == own.Count, $"{at}: an item is listed twice.");
            var linked = s.LinkedItems ?? [];
            Check(linked.All(l => LinkPattern().IsMatch(l)), $"{at}: linkedItems are written CODE:number (e.g. CORE-10:6).");
            Check(linked.All(l => !l.StartsWith(d.Code + ":", StringComparison.OrdinalIgnoreCase)), $"{at}: linkedItems are for other instruments; list this one's in items.");
            var inScore = (own.Count == 0 ? items.Count : own.Count) + linked.Count;
            Check(s.MaxMissing >= 0 && s.MaxMissing < inScore, $"{at}: maxMissing must be at least 0 and fewer than the score's {inScore} items.");
            Check(Enum.IsDefined(s.Aggregate), $"{at}: aggregate is sum or mean.");
            Check(Enum.IsDefined(s.Direction), $"{at}: direction is higherIsWorse or higherIsBetter.");
            Check(s.ReliableChange is null or > 0, $"{at}: reliableChange must be above 0.");
            Check(s.Decimals is >= 0 and <= 3, $"{at}: decimals from 0 to 3.");
            Check(s.ClinicalCutoff is null || Enum.IsDefined(s.ClinicalCutoff.ClinicalWhen), $"{at}: clinicalCutoff.clinicalWhen is atOrAbove or below.");
            var bands = s.Bands ?? [];
            if (bands.Any(b => b is null))
            {
                problems.Add($"{at}: a band is empty (null).");
                continue;
            }
            Check(bands.Zip(bands.Skip(1)).All(p => p.First.From < p.Second.From), $"{at}: bands must be in rising order of from.");
            Check(bands.All(b => !string.IsNullOrWhiteSpace(b.Label)), $"{at}: every band needs a label.");
        }
        return problems;
    }
}
