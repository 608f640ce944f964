using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;

namespace RelationshipSupport.Web.Pages.Triage.Screening;

/// <summary>
/// <c>/triage/referral/{reference}/not-suitable</c>: the not-suitable step on its own (a referral in screening or in initial
/// suitability review): reason, note, signposting, a preview of the person's email, then confirm.
/// </summary>
public sealed class NotSuitableModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    [BindProperty] public MarkNotSuitable.Command Input { get; set; } = new();

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
            TempData[SuccessKey] = "The referral is closed as not suitable. The outcome emails are on their way";
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
            Case = await Mediator.Send(new GetScreeningCase.Query(reference, "not-suitable"), ct);
            ViewData["SignpostingDirectory"] = Case.Directory;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
