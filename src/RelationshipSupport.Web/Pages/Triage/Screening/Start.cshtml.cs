using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Triage;

namespace RelationshipSupport.Web.Pages.Triage.Screening;

/// <summary><c>/triage/referral/{reference}/start-screening</c>: confirms, then starts screening and opens the checklist.</summary>
public sealed class StartModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    [BindProperty] public StartScreening.Command Input { get; set; } = new();

    public GetScreeningCase.Details Case { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        var (notFound, result) = await TrySendAsync(Input, ct);
        if (notFound) return NotFound();
        if (result is not null)
        {
            if (result.Started) TempData[SuccessKey] = "Screening started";
            return RedirectToPage("/Triage/Screening/Index", new { reference = result.Reference });
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            Case = await Mediator.Send(new GetScreeningCase.Query(reference, "start-screening"), ct);
            return true;
        }
        catch (Application.Common.NotFoundException)
        {
            return false;
        }
    }
}
