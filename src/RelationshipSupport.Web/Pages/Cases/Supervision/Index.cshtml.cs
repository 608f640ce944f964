using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Supervision;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Cases.Supervision;

/// <summary>
/// <c>/cases/{reference}/supervision</c>: the case's supervision records (clinical content: the case's therapists and
/// their supervisor only; anyone else 404). The supervisor records a new discussion here while the case is open.
/// </summary>
public sealed class IndexModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "supervision";

    [BindProperty] public RecordSupervision.Command Input { get; set; } = new();

    public GetSupervision.Result Records { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        Input.FormId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Supervisor)) return Forbid();
        ModelState.Clear();
        Input.Reference = reference;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{result!.Reference}/supervision", result.Recorded ? "Supervision recorded" : "This supervision was already recorded");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
            Records = await Mediator.Send(new GetSupervision.Query(reference), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
