using System.Globalization;

namespace RelationshipSupport.Web.Pages.Dashboard;

/// <summary>How the dashboard writes its figures.</summary>
public static class DashboardDisplay
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", UkCulture);

    public static string Days(double? days) => days switch
    {
        null => "none",
        1 => "1 day",
        { } d => $"{d.ToString("0.#", CultureInfo.InvariantCulture)} days",
    };

    public static string Days(int? days) => Days((double?)days);

    public static string Percent(double? value) => value is { } v ? $"{v.ToString("0.0", CultureInfo.InvariantCulture)}%" : "–";

    public static string Mean(double? mean, int n, int decimals) =>
        mean is { } m ? $"{m.ToString("F" + Math.Max(1, decimals).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} ({n})" : "–";

    public static string OfPairs(int count, int pairs) =>
        pairs == 0 ? "–" : $"{count} ({(100.0 * count / pairs).ToString("0", CultureInfo.InvariantCulture)}%)";
}
