using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Pages.Cases;

/// <summary>
/// <c>/cases/calendar?week=YYYY-MM-DD</c>: the signed-in therapist's week (or, with <c>therapist=ID</c>, a supervisee's
/// for their supervisor), Monday to Sunday in UK time, as a list per day.
/// </summary>
public sealed class CalendarModel(IMediator mediator) : PageModel
{
    public GetWeekCalendar.View View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string? week, string? therapist, CancellationToken ct)
    {
        DateOnly? date = DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        try
        {
            View = await mediator.Send(new GetWeekCalendar.Query(date, therapist), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public string WeekLink(DateOnly monday) =>
        $"/cases/calendar?week={monday:yyyy-MM-dd}" + (View.IsOwn ? "" : $"&therapist={Uri.EscapeDataString(View.TherapistId)}");
}
