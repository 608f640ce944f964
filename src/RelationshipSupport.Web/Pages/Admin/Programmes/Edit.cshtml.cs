using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Programmes;

/// <summary><c>/admin/programmes/{code}</c>: one programme's settings; saving redirects back here.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty] public UpdateProgramme.Command Input { get; set; } = new();

    public GetProgramme.Details Programme { get; private set; } = default!;
    public string? Success { get; private set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        try
        {
            Programme = await mediator.Send(new GetProgramme.Query(code), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Input.CopyFrom(Programme.Settings);
        Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Code = code;
        try
        {
            var result = await mediator.Send(Input, ct);
            TempData[AdminDisplay.SuccessKey] = "Programme settings saved";
            return Redirect($"/admin/programmes/{result.Code}");
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

        try
        {
            Programme = await mediator.Send(new GetProgramme.Query(code), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict)
        {
            // Saving again is then a deliberate choice over the other change; the user's own values are kept.
            Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
        }
        return Page();
    }
}
