using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.Pages.Triage.Screening;

/// <summary>
/// <c>/triage/referral/{reference}/suitability</c>: programmes with a panel, the head of service's initial suitability
/// review. Suitable: on to the screening panel. Not suitable: reason and signposting, as on the not-suitable step.
/// </summary>
public sealed class SuitabilityModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    [BindProperty] public ReviewSuitability.Command Input { get; set; } = new();

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
            TempData[SuccessKey] = result.Status == ReferralStatus.ScreeningPanel
                ? "Initial suitability review recorded: the referral is waiting for the screening panel"
                : "Initial suitability review recorded: not suitable. The referral is closed and the outcome emails are on their way";
            return RedirectToPage("/Triage/Referral", new { reference = result.Reference });
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(reference, ct)) return NotFound();
        BuildPreview(Case, Input.NotSuitable);
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            Case = await Mediator.Send(new GetScreeningCase.Query(reference, "suitability"), ct);
            ViewData["SignpostingDirectory"] = Case.Directory;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
