using System.Globalization;
using System.Text.RegularExpressions;

namespace RelationshipSupport.Domain;

/// <summary>
/// Staff type and read times in UK local time (GMT or BST); the database holds UTC. Conversions live here so
/// pages and validators agree.
/// </summary>
public static partial class UkTime
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // A machine without time zone data: UTC is GMT, wrong by an hour only in summer.
            return TimeZoneInfo.Utc;
        }
    }

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>The UK calendar date of a UTC instant.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>Whole UK calendar days from one instant to another (never negative): "days waiting" as people count them.</summary>
    public static int DaysBetween(DateTime fromUtc, DateTime toUtc) => Math.Max(0, DateOf(toUtc).DayNumber - DateOf(fromUtc).DayNumber);

    /// <summary>A UK local date and time as UTC, or null when that local time did not exist (the clocks went forward).</summary>
    public static DateTime? ToUtc(DateOnly date, TimeOnly time)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    [GeneratedRegex(@"^\s*([01]?[0-9]|2[0-3])\s*[:.]\s*([0-5][0-9])\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeShape();

    /// <summary>Reads a 24-hour time typed as "14:30", "9:05" or "14.30".</summary>
    public static TimeOnly? ParseTime(string? value)
    {
        if (value is null) return null;
        var match = TimeShape().Match(value);
        if (!match.Success) return null;
        return new TimeOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
