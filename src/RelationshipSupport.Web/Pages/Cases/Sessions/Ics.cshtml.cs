using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary><c>/cases/{reference}/sessions/{id}/ics</c>: the session as an iCalendar file, for the case's clinicians.</summary>
public sealed class IcsModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, int id, CancellationToken ct)
    {
        try
        {
            var file = await mediator.Send(new GetSessionIcs.Query(reference, id), ct);
            return File(file.Content, "text/calendar; charset=utf-8", file.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
