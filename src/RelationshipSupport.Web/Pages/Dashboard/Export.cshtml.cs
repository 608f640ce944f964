using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Dashboard;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Web.Pages.Dashboard;

/// <summary>
/// <c>/dashboard/export?programme=CODE&amp;from=yyyy-mm-dd&amp;to=yyyy-mm-dd</c>: the anonymised outcomes CSV. A bad filter,
/// or no pseudonym key outside Development, shows this page with the reason instead of a file.
/// </summary>
public sealed class ExportModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public string? Refusal { get; private set; }

    public string BackUrl => "/dashboard" + QueryString.Create(new Dictionary<string, string?>
    {
        ["programme"] = Programme ?? "",
        ["from"] = From ?? "",
        ["to"] = To ?? "",
    });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var period = DashboardFilter.Period(From, To, clock, ModelState);
        if (period is not { } p)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            var export = await mediator.Send(new ExportOutcomes.Query(string.IsNullOrWhiteSpace(Programme) ? null : Programme.Trim(), p.From, p.To), ct);
            Response.Headers.CacheControl = "no-store";
            return File(export.Content, "text/csv; charset=utf-8", export.FileName);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (property, message) in ex.Errors)
            {
                ModelState.AddModelError(property == nameof(ExportOutcomes.Query.ProgrammeCode) ? nameof(Programme) : property, message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (DomainException ex)
        {
            Refusal = ex.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
