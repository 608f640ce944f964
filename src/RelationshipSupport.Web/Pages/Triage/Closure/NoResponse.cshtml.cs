using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage.Closure;

namespace RelationshipSupport.Web.Pages.Triage.Closure;

/// <summary><c>/triage/referral/{reference}/close-no-response</c>: close a referral after the programme's number of unanswered attempts, with the letter to print.</summary>
public sealed class NoResponseModel(IMediator mediator) : CasePageModel(mediator)
{
    [BindProperty] public CloseForNoResponse.Command Input { get; set; } = new();

    public NoResponseLetter.Letter Letter { get; private set; } = default!;
    public bool WillEmail { get; private set; }

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
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                TempData[SuccessKey] = result!.Emailed ? "Referral closed: the letter has been emailed" : "Referral closed for no response";
                return RedirectToPage("/Triage/Referral", new { reference = result.Reference });
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Case.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            var result = await Mediator.Send(new GetNoResponseClosure.Query(reference), ct);
            Case = result.Referral;
            Letter = result.Letter;
            WillEmail = result.WillEmail;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
