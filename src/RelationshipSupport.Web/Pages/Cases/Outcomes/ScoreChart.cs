using System.Globalization;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Web.Pages.Cases.Outcomes;

/// <summary>
/// The geometry of one score's chart, drawn server-side as inline SVG (<c>_ScoreChart.cshtml</c>): the score's
/// range on the vertical axis with its bands shaded and named, the clinical cut-off as a dashed line, each client's
/// scores over time as a line (a different colour and marker each), and a ring round each score that is a reliable
/// change from the client's first. Numbers are written with the invariant culture (SVG needs dots).
/// </summary>
public sealed class ScoreChart
{
    // A small drawing (so its 13px text stays readable when a phone shrinks it); it scrolls sideways below 480px.
    public const int Width = 560;
    public const int Height = 300;
    public const double Left = 40;
    public const double Right = Width - 134;
    public const double Top = 14;
    public const double Bottom = Height - 36;
    private const double Pad = 28;

    /// <summary>Series colours (NHS blue and purple, both above 4.5:1 on white) and markers, in client order.</summary>
    public static readonly (string Colour, string Marker, string MarkerName)[] Styles =
    [
        ("#005eb8", "circle", "circles"),
        ("#330072", "square", "squares"),
        ("#00403d", "diamond", "diamonds"),
    ];

    public ScoreChart(GetOutcomes.Chart chart, string id)
    {
        Chart = chart;
        Id = id;
        var times = chart.Series.SelectMany(s => s.Points).Where(p => p.Value is not null).Select(p => p.AtUtc).ToList();
        First = times.Count == 0 ? DateTime.MinValue : times.Min();
        Last = times.Count == 0 ? DateTime.MinValue : times.Max();
        Span = chart.ScaleMax - chart.ScaleMin <= 0 ? 1 : chart.ScaleMax - chart.ScaleMin;
    }

    public GetOutcomes.Chart Chart { get; }
    public string Id { get; }
    private DateTime First { get; }
    private DateTime Last { get; }
    private double Span { get; }

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public double Y(double value) => Bottom - (Math.Clamp(value, Chart.ScaleMin, Chart.ScaleMax) - Chart.ScaleMin) / Span * (Bottom - Top);

    public double X(DateTime at)
    {
        if (Last <= First) return (Left + Right) / 2;
        return Left + Pad + (at - First).TotalSeconds / (Last - First).TotalSeconds * (Right - Left - 2 * Pad);
    }

    public IReadOnlyList<(double Value, string Label)> YTicks()
    {
        var step = NiceStep(Span / 5);
        var ticks = new List<(double, string)>();
        for (var v = Math.Ceiling(Chart.ScaleMin / step) * step; v <= Chart.ScaleMax + 1e-9; v += step)
        {
            ticks.Add((v, v.ToString(step < 1 ? "0.#" : "0", CultureInfo.InvariantCulture)));
        }
        return ticks;
    }

    /// <summary>Dates under the axis: one per day with a score, skipping any that would overlap the one before.</summary>
    public IReadOnlyList<(double X, string Label)> XTicks()
    {
        var ticks = new List<(double X, string Label)>();
        foreach (var day in Chart.Series.SelectMany(s => s.Points).Where(p => p.Value is not null)
                     .Select(p => p.AtUtc).OrderBy(t => t).GroupBy(t => UkTime.ToLocal(t).Date).Select(g => g.First()))
        {
            var x = X(day);
            if (ticks.Count > 0 && x - ticks[^1].X < 64) continue;
            ticks.Add((x, CaseDisplay.Day(day)));
        }
        return ticks;
    }

    public sealed record BandShape(double Y, double Height, string Label, double LabelY, bool Shaded, bool ShowLabel);

    public IReadOnlyList<BandShape> Bands() => Chart.Bands.Select((b, i) =>
    {
        var top = Y(b.To);
        var bottom = Y(b.From);
        return new BandShape(top, Math.Max(0, bottom - top), b.Label, (top + bottom) / 2 + 4, i % 2 == 0, bottom - top >= 11);
    }).ToList();

    public double? CutoffY => Chart.Cutoff is { } c ? Y(c.Value) : null;

    public string CutoffText => Chart.Cutoff is { } c
        ? $"Cut-off {c.Value.ToString("0.##", CultureInfo.GetCultureInfo("en-GB"))}"
        : "";

    public sealed record Mark(double X, double Y, GetOutcomes.Point Point);

    /// <summary>The series' scores; each client's are nudged a few pixels sideways, so equal scores of a couple stay visible.</summary>
    public IReadOnlyList<Mark> Marks(GetOutcomes.Series series)
    {
        var index = Chart.Series.ToList().IndexOf(series);
        var nudge = (index - (Chart.Series.Count - 1) / 2.0) * 5;
        return series.Points.Where(p => p.Value is not null).Select(p => new Mark(X(p.AtUtc) + nudge, Y(p.Value!.Value), p)).ToList();
    }

    public string Line(GetOutcomes.Series series) => string.Join(' ', Marks(series).Select(m => $"{N(m.X)},{N(m.Y)}"));

    public static (string Colour, string Marker, string MarkerName) Style(int index) => Styles[index % Styles.Length];

    /// <summary>The SVG path of a marker centred on (x, y).</summary>
    public static string MarkerPath(string marker, double x, double y) => marker switch
    {
        "square" => $"M{N(x - 5)},{N(y - 5)}h10v10h-10z",
        "diamond" => $"M{N(x)},{N(y - 6.5)}l6.5,6.5l-6.5,6.5l-6.5,-6.5z",
        _ => $"M{N(x - 5.5)},{N(y)}a5.5,5.5 0 1,0 11,0a5.5,5.5 0 1,0 -11,0",
    };

    public static string PointTitle(string client, GetOutcomes.Point p) =>
        $"{client}, {CaseDisplay.Day(p.AtUtc)} ({p.TimepointLabel}): {p.Display}"
        + (p.Band is null ? "" : $", {p.Band}")
        + (p.IsClinical == true ? ", clinical range" : "")
        + (p.Prorated ? ", prorated" : "")
        + (p.ChangeLabel is null ? "" : $". {p.ChangeLabel} since the first score");

    /// <summary>What the chart shows, in words (the SVG's description for screen readers).</summary>
    public string Description()
    {
        var parts = new List<string> { $"{Chart.Title} scores over time, from {N(Chart.ScaleMin)} to {N(Chart.ScaleMax)}; {(Chart.Direction == Direction.HigherIsWorse ? "lower is better" : "higher is better")}." };
        if (Chart.Cutoff is { } c)
        {
            parts.Add($"{c.Label ?? CutoffText}.");
        }
        foreach (var series in Chart.Series)
        {
            var points = series.Points.Where(p => p.Value is not null).ToList();
            if (points.Count == 0) continue;
            parts.Add($"{series.ClientName}: " + string.Join(", ", points.Select(p =>
                $"{p.Display} on {CaseDisplay.Day(p.AtUtc)} ({p.TimepointLabel}){(p.ChangeLabel is null || p.Change == ReliableChange.NoReliableChange ? "" : $", {p.ChangeLabel.ToLowerInvariant()}")}")) + ".");
        }
        return string.Join(' ', parts);
    }

    private static double NiceStep(double rough)
    {
        if (rough <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    public static string Tag(ReliableChange change) => change switch
    {
        ReliableChange.ReliableImprovement => "nhsuk-tag--green",
        ReliableChange.ReliableDeterioration => "nhsuk-tag--red",
        _ => "nhsuk-tag--grey",
    };

    public static string ChangeText(GetOutcomes.Point p) => p.IsFirst ? "First score" : p.ChangeLabel ?? "–";

    public static string Label(ReliableChange change) => change.Label();
}
