using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Programmes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Programmes;

/// <summary>
/// <c>/admin/programmes/{code}/criteria</c>: the inclusion and exclusion criteria in screening order, with a small
/// form per action (move up or down, retire, restore) and a form to add one. Each form carries the programme's
/// concurrency stamp, so a change made from an older list (or a button sent twice) is refused with a message.
/// </summary>
public sealed class CriteriaModel(IMediator mediator) : PageModel
{
    [BindProperty] public AddCriterion.Command Input { get; set; } = new();

    public GetProgramme.Details Programme { get; private set; } = default!;
    public string? Success { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(string code, CancellationToken ct)
    {
        Input.ProgrammeCode = code;
        return SendAsync(code, Input, "Criterion added", ct);
    }

    public Task<IActionResult> OnPostMoveAsync(string code, int criterionId, Guid stamp, MoveCriterion.Direction? to, CancellationToken ct) =>
        SendAsync(code, new MoveCriterion.Command { ProgrammeCode = code, CriterionId = criterionId, ConcurrencyStamp = stamp, To = to },
            "Criterion moved", ct);

    public Task<IActionResult> OnPostRetireAsync(string code, int criterionId, Guid stamp, CancellationToken ct) =>
        SendAsync(code, new SetCriterionActive.Command(code, criterionId, stamp, Active: false), "Criterion retired: screening no longer shows it", ct);

    public Task<IActionResult> OnPostRestoreAsync(string code, int criterionId, Guid stamp, CancellationToken ct) =>
        SendAsync(code, new SetCriterionActive.Command(code, criterionId, stamp, Active: true), "Criterion restored at the end of its list", ct);

    private async Task<IActionResult> SendAsync<T>(string code, IRequest<T> request, string success, CancellationToken ct)
    {
        // Binding problems (a tampered option, say) surface as the validator's own clear messages.
        ModelState.Clear();
        try
        {
            await mediator.Send(request, ct);
            TempData[AdminDisplay.SuccessKey] = success;
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
        catch (Exception ex) when (ex is ConcurrencyConflictException or DomainException)
        {
            ModelState.AddModelError(string.Empty, ex is ConcurrencyConflictException
                ? "Someone else changed these criteria while you were working. Nothing was saved: the list below is the latest, check it and try again."
                : ex.Message);
        }
        if (!await LoadAsync(code, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        try
        {
            Programme = await mediator.Send(new GetProgramme.Query(code), ct);
            // Every form on the page acts on the version shown.
            Input.ConcurrencyStamp = Programme.ConcurrencyStamp;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
