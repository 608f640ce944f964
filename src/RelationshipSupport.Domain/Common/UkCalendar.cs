namespace RelationshipSupport.Domain;

/// <summary>UK calendar dates for UTC instants: "days waiting" and "today" are counted as people in the UK count them.</summary>
public static class UkCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DateOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London));

    public static DateTime ToUk(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London);

    public static DateTime ToUtc(DateTime ukLocal) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(ukLocal, DateTimeKind.Unspecified), London);

    /// <summary>Whole UK calendar days from one instant to another (never negative).</summary>
    public static int DaysBetween(DateTime fromUtc, DateTime toUtc) => Math.Max(0, DateOf(toUtc).DayNumber - DateOf(fromUtc).DayNumber);
}
