using RelationshipSupport.Domain;
using RelationshipSupport.Application.Triage;

namespace RelationshipSupport.Tests.Triage;

/// <summary>Coordinators type UK clock times; the database holds UTC.</summary>
public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2026-01-15", "14:30", "2026-01-15T14:30:00")] // GMT
    [InlineData("2026-07-01", "14:30", "2026-07-01T13:30:00")] // BST
    [InlineData("2026-10-25", "01:30", "2026-10-25T01:30:00")] // the repeated hour when the clocks go back: read as GMT
    public void A_uk_clock_time_is_stored_as_utc(string date, string time, string utc)
    {
        var result = UkTime.ToUtc(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), UkTime.ParseTime(time)!.Value);

        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), result);
        Assert.Equal(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.FromDateTime(UkTime.ToLocal(result!.Value)));
    }

    [Fact]
    public void A_time_skipped_when_the_clocks_go_forward_is_not_a_time() =>
        Assert.Null(UkTime.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(1, 30)));

    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("9:05", 9, 5)]
    [InlineData(" 09.05 ", 9, 5)]
    [InlineData("00:00", 0, 0)]
    public void Times_are_read_on_the_24_hour_clock(string typed, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), UkTime.ParseTime(typed));

    [Theory]
    [InlineData("24:00")]
    [InlineData("7pm")]
    [InlineData("14:3")]
    [InlineData("1430")]
    [InlineData("")]
    public void Other_text_is_not_a_time(string typed) => Assert.Null(UkTime.ParseTime(typed));
}
