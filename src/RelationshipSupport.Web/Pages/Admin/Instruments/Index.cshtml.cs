using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Instruments;

namespace RelationshipSupport.Web.Pages.Admin.Instruments;

/// <summary><c>/admin/instruments</c>: every questionnaire with its versions, whether used, and how many programmes give it.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<GetInstruments.Summary> Instruments { get; private set; } = [];
    public string? Success { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Instruments = await mediator.Send(new GetInstruments.Query(), ct);
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }
}
