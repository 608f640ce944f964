using System.Globalization;
using MathNet.Numerics.Distributions;

namespace RelationshipSupport.Domain.Statistics;

/// <summary>Mean and standard deviation (n − 1) of a sample; the SD is null below two values, the mean below one.</summary>
public sealed record Summary(int N, double? Mean, double? Sd)
{
    public string Format(int decimals = 2) => Mean is null
        ? "not computable (no data)"
        : Sd is null
            ? $"{Stats.Number(Mean.Value, decimals)} (SD not computable, n=1)"
            : $"{Stats.Number(Mean.Value, decimals)} ({Stats.Number(Sd.Value, decimals)})";
}

/// <summary>
/// A paired t-test of intake against end: d = before − after; t = mean(d) / (sd(d) / √n); df = n − 1; two-tailed p
/// from Student's t distribution. <see cref="T"/> and <see cref="P"/> are null, with a stated reason, when the
/// test cannot be computed (fewer than two pairs, or every difference the same): a report never prints NaN.
/// </summary>
public sealed record PairedTTest(int N, Summary Before, Summary After, Summary Difference, double? T, int? Df, double? P, string? NotComputable)
{
    public bool Significant => P is < 0.05;

    /// <summary>"*" for p &lt; .05, "**" for p &lt; .01, as the seeds mark them.</summary>
    public string Stars => P switch { < 0.01 => "**", < 0.05 => "*", _ => "" };

    /// <summary>As the seeds write it: <c>t(16)=2.80, p=.013</c>, or the reason it is not computable.</summary>
    public string Format() => T is null || P is null || Df is null
        ? NotComputable ?? "not computable"
        : $"t({Df.Value.ToString(CultureInfo.InvariantCulture)})={Stats.Number(T.Value, 2)}, {Stats.FormatP(P.Value)}";
}

/// <summary>The reports' statistics, in one place (design/reports.md, "Statistics").</summary>
public static class Stats
{
    public static Summary Describe(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return new Summary(0, null, null);
        }
        var mean = list.Average();
        if (list.Count < 2)
        {
            return new Summary(1, mean, null);
        }
        var sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        return new Summary(list.Count, mean, sd);
    }

    public static PairedTTest Paired(IReadOnlyCollection<(double Before, double After)> pairs)
    {
        var before = Describe(pairs.Select(p => p.Before));
        var after = Describe(pairs.Select(p => p.After));
        var difference = Describe(pairs.Select(p => p.Before - p.After));
        if (pairs.Count < 2)
        {
            return new PairedTTest(pairs.Count, before, after, difference, null, null, null,
                $"not computable: {pairs.Count.ToString(CultureInfo.InvariantCulture)} pair{(pairs.Count == 1 ? "" : "s")} (at least 2 needed)");
        }
        // Every difference equal (including all zero): the standard error is 0 and t is undefined.
        if (difference.Sd is not { } sd || sd < 1e-12)
        {
            return new PairedTTest(pairs.Count, before, after, difference, null, pairs.Count - 1, null,
                "not computable: every pair changed by the same amount (no variation)");
        }
        var t = difference.Mean!.Value / (sd / Math.Sqrt(pairs.Count));
        var df = pairs.Count - 1;
        return new PairedTTest(pairs.Count, before, after, difference, t, df, TwoTailedP(t, df), null);
    }

    /// <summary>Two-tailed p for Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double TwoTailedP(double t, int df)
    {
        if (df < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(df), "Student's t needs at least one degree of freedom.");
        }
        return 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
    }

    /// <summary><c>p=.013</c>; below .001 <c>p&lt;.001</c> (APA style, no leading zero).</summary>
    public static string FormatP(double p) => p < 0.001
        ? "p<.001"
        : "p=" + p.ToString("0.000", CultureInfo.InvariantCulture)[1..];

    public static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The median, or null for no values.</summary>
    public static double? Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>
    /// The <paramref name="percent"/>th percentile by linear interpolation between closest ranks (the method of
    /// Excel's PERCENTILE.INC and R's default type 7), or null for no values.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var rank = percent / 100 * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>A percentage of a count, or null when nobody answered.</summary>
    public static double? Percent(int count, int of) => of == 0 ? null : 100.0 * count / of;

    /// <summary>Net Promoter Score: % answering 9–10 minus % answering 0–6, from −100 to +100; null with no answers.</summary>
    public static double? NetPromoterScore(IEnumerable<int> answers)
    {
        var list = answers.ToList();
        if (list.Count == 0)
        {
            return null;
        }
        return 100.0 * (list.Count(a => a >= 9) - list.Count(a => a <= 6)) / list.Count;
    }
}
