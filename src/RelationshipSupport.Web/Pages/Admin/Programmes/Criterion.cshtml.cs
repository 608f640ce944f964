using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Programmes;

/// <summary><c>/admin/programmes/{code}/criteria/{id}</c>: reword one criterion or its help text.</summary>
public sealed class CriterionModel(IMediator mediator) : PageModel
{
    [BindProperty] public UpdateCriterion.Command Input { get; set; } = new();

    public GetProgramme.Details Programme { get; private set; } = default!;
    public GetProgramme.Criterion Criterion { get; private set; } = default!;
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int id, CancellationToken ct)
    {
        if (!await LoadAsync(code, id, ct)) return NotFound();
        Input.Text = Criterion.Text;
        Input.HelpText = Criterion.HelpText;
        Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.ProgrammeCode = code;
        Input.CriterionId = id;
        try
        {
            await mediator.Send(Input, ct);
            TempData[AdminDisplay.SuccessKey] = "Criterion saved";
            return Redirect($"/admin/programmes/{code}/criteria");
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
        if (!await LoadAsync(code, id, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string code, int id, CancellationToken ct)
    {
        try
        {
            Programme = await mediator.Send(new GetProgramme.Query(code), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Criterion = Programme.Criteria.SingleOrDefault(c => c.Id == id)!;
        return Criterion is not null;
    }
}
