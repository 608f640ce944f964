using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Hubs;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Hubs;

/// <summary><c>/admin/hubs/{id}</c>: change a referral source's details, or deactivate or reactivate it.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty] public UpdateHub.Command Input { get; set; } = new();

    public GetHub.Details Hub { get; private set; } = default!;
    public string? Success { get; private set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input.CopyFrom(Hub.Fields);
        Input.ConcurrencyStamp = Hub.ConcurrencyStamp;
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Input.Id = id;
        return SendAsync(id, Input, "Referral source saved", ct);
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) =>
        SendAsync(id, new SetHubActive.Command(id, Input.ConcurrencyStamp, Active: false), "Referral source deactivated: the public forms no longer offer it", ct);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct) =>
        SendAsync(id, new SetHubActive.Command(id, Input.ConcurrencyStamp, Active: true), "Referral source reactivated", ct);

    private async Task<IActionResult> SendAsync(int id, IRequest<MediatR.Unit> request, string success, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await mediator.Send(request, ct);
            TempData[AdminDisplay.SuccessKey] = success;
            return Redirect($"/admin/hubs/{id}");
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
        if (!await LoadAsync(id, ct)) return NotFound();
        if (request is not UpdateHub.Command)
        {
            // A deactivate or reactivate button: the form shows the latest details.
            Input.CopyFrom(Hub.Fields);
        }
        if (Conflict) Input.ConcurrencyStamp = Hub.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        try
        {
            Hub = await mediator.Send(new GetHub.Query(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
