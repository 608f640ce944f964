using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Triage;

/// <summary>
/// <c>/triage/referral/{reference}</c>: one referral (by its non-guessable reference, never the database id)
/// and the form to record a contact attempt, which posts back here and redirects on success.
/// </summary>
public sealed class ReferralModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public const string SuccessKey = "triage.success";

    [BindProperty] public RecordContactAttempt.Command Input { get; set; } = new();

    public GetReferral.Details Referral { get; private set; } = default!;

    /// <summary>Shown once after a successful change (post, redirect, get).</summary>
    public string? Success { get; private set; }

    /// <summary>Set when someone else changed the referral while this user was typing.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        try
        {
            Referral = await mediator.Send(new GetReferral.Query(reference), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Success = TempData[SuccessKey] as string;
        Input.ConcurrencyStamp = Referral.ConcurrencyStamp;
        Input.Date = DateInput.From(UkTime.Today(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        // Binding problems (a tampered option, say) surface as the validator's own clear messages.
        ModelState.Clear();
        Input.Reference = reference;
        try
        {
            var result = await mediator.Send(Input, ct);
            TempData[SuccessKey] = "Contact attempt recorded";
            return RedirectToPage("/Triage/Referral", new { reference = result.Reference });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
        }
        catch (ConcurrencyConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Conflict = true;
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }

        try
        {
            Referral = await mediator.Send(new GetReferral.Query(reference), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict)
        {
            // The page now shows the latest version, including the other change: sending again is a
            // deliberate choice made with it in view. The user's own values are kept.
            Input.ConcurrencyStamp = Referral.ConcurrencyStamp;
        }
        return Page();
    }
}
