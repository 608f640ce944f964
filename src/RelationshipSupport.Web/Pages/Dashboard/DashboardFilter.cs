using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Web.Pages.Dashboard;

/// <summary>
/// The dashboard's and the export's period, read from the query string (<c>from</c>, <c>to</c> as yyyy-mm-dd). Left
/// empty it is the last 12 calendar months in UK time, this month included, up to today.
/// </summary>
public static class DashboardFilter
{
    public static (DateOnly From, DateOnly To)? Period(string? from, string? to, TimeProvider clock, ModelStateDictionary modelState)
    {
        var today = UkTime.Today(clock);
        var end = Parse(to, "To", "end", modelState) ?? today;
        var start = Parse(from, "From", "start", modelState) ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        return modelState.IsValid ? (start, end) : null;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Parse(string? value, string key, string which, ModelStateDictionary modelState)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }
        modelState.AddModelError(key, $"Enter the {which} of the period as a real date, for example 2026-04-01");
        return null;
    }
}
