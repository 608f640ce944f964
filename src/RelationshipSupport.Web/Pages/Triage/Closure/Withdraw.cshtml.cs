using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage.Closure;
using RelationshipSupport.Application.Triage.Waiting;

namespace RelationshipSupport.Web.Pages.Triage.Closure;

/// <summary><c>/triage/referral/{reference}/withdraw</c>: the person withdrew (from any open state), with a note and a confirmation.</summary>
public sealed class WithdrawModel(IMediator mediator) : CasePageModel(mediator)
{
    [BindProperty] public WithdrawReferral.Command Input { get; set; } = new();

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
                TempData[SuccessKey] = "Referral withdrawn";
                return RedirectToPage("/Triage/Referral", new { reference = result!.Reference });
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
            Case = await Mediator.Send(new GetCaseSummary.Query(reference, "withdraw"), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
