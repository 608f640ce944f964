using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Admin.Signposting;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Admin.Signposting;

/// <summary><c>/admin/signposting/{id}</c>: change a service's details, or retire or restore it.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty] public UpdateSignpostingEntry.Command Input { get; set; } = new();

    public GetSignpostingEntry.Details Entry { get; private set; } = default!;
    public string? Success { get; private set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input.CopyFrom(Entry.Fields);
        Input.ConcurrencyStamp = Entry.ConcurrencyStamp;
        Success = TempData[AdminDisplay.SuccessKey] as string;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Input.Id = id;
        return SendAsync(id, Input, "Service saved", ct);
    }

    public Task<IActionResult> OnPostRetireAsync(int id, CancellationToken ct) =>
        SendAsync(id, new SetSignpostingEntryActive.Command(id, Input.ConcurrencyStamp, Active: false), "Service retired: staff can no longer choose it", ct);

    public Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken ct) =>
        SendAsync(id, new SetSignpostingEntryActive.Command(id, Input.ConcurrencyStamp, Active: true), "Service restored", ct);

    private async Task<IActionResult> SendAsync(int id, IRequest<MediatR.Unit> request, string success, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await mediator.Send(request, ct);
            TempData[AdminDisplay.SuccessKey] = success;
            return Redirect($"/admin/signposting/{id}");
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
        if (request is not UpdateSignpostingEntry.Command)
        {
            Input.CopyFrom(Entry.Fields);
        }
        if (Conflict) Input.ConcurrencyStamp = Entry.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        try
        {
            Entry = await mediator.Send(new GetSignpostingEntry.Query(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
