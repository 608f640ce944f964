using System.Globalization;
using RelationshipSupport.Application.Reporting.Documents;
using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Application.Reporting.Styles;

/// <summary>How both report styles write dates, numbers, percentages and the manager's narrative as blocks.</summary>
internal static class ReportText
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", UkCulture);

    public static string Period(DateOnly from, DateOnly to) => $"{Date(from)} to {Date(to)}";

    /// <summary>"April 2025 – March 2026" as the seeds' covers put it.</summary>
    public static string PeriodShort(DateOnly from, DateOnly to) =>
        from.Year == to.Year && from.Month == to.Month
            ? from.ToString("MMMM yyyy", UkCulture)
            : $"{from.ToString("MMMM yyyy", UkCulture)} – {to.ToString("MMMM yyyy", UkCulture)}";

    public static string Count(int n) => n.ToString("N0", UkCulture);

    /// <summary>"1 parent", "2 parents".</summary>
    public static string Count(int n, string singular, string plural) => $"{Count(n)} {(n == 1 ? singular : plural)}";

    /// <summary>Whole-number percentage ("52%"), or "–" when there is nothing to divide by.</summary>
    public static string Percent(double? percent) => percent is null ? "–" : Math.Round(percent.Value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double? value, int decimals) => value is null ? "–" : Stats.Number(value.Value, decimals);

    /// <summary>"14.21 (7.21)" for a table cell; "–" with no data, the mean alone when the SD cannot be computed.</summary>
    public static string MeanSd(Summary s, int decimals) => s.Mean is null
        ? "–"
        : s.Sd is null ? Stats.Number(s.Mean.Value, decimals) : $"{Stats.Number(s.Mean.Value, decimals)} ({Stats.Number(s.Sd.Value, decimals)})";

    /// <summary>At least two decimals for means (as the seeds print them), more if the measure keeps more.</summary>
    public static int MeanDecimals(MeasureFigures m) => Math.Max(2, m.Decimals);

    /// <summary>
    /// The manager's text as blocks: paragraphs split on blank lines, "- " lines as a bulleted list. Empty text gives
    /// <paramref name="fallback"/> as a note (so a missing section is visible, not silently absent).
    /// </summary>
    public static IEnumerable<Block> Narrative(string? text, string? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (fallback is not null)
            {
                yield return new ParagraphBlock(fallback);
            }
            yield break;
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new List<string>();
        var bullets = new List<string>();
        foreach (var raw in lines.Append(""))
        {
            var line = raw.Trim();
            var isBullet = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("• ", StringComparison.Ordinal);
            if (paragraph.Count > 0 && (line.Length == 0 || isBullet))
            {
                yield return new ParagraphBlock(string.Join(' ', paragraph)) { Justify = true };
                paragraph.Clear();
            }
            if (bullets.Count > 0 && !isBullet)
            {
                yield return new BulletListBlock(bullets.ToList());
                bullets.Clear();
            }
            if (isBullet)
            {
                bullets.Add(line[2..].Trim());
            }
            else if (line.Length > 0)
            {
                paragraph.Add(line);
            }
        }
    }

    /// <summary>A paired result as a sentence: "t(16)=2.80, p=.013" or why it cannot be computed.</summary>
    public static string Paired(PairedTTest t) => t.Format();

    /// <summary>"significant" / "not significant" wording from the p-value.</summary>
    public static string Significance(PairedTTest t) => t.P is null ? "could not be tested" : t.Significant ? "significant" : "not statistically significant";
}
