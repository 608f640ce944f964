using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Pages.Cases.Notes;

/// <summary>
/// <c>/cases/{reference}/notes/{id}/addendum</c>: anyone with clinical access to the case (its therapists, their
/// supervisor) adds an addendum to a note, including on an ended case.
/// </summary>
public sealed class AddendumModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "notes";

    [BindProperty] public AddAddendum.Command Input { get; set; } = new();

    public GetNotes.Note Note { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference, int id, CancellationToken ct)
    {
        if (!await LoadAsync(reference, id, ct)) return NotFound();
        Input.FormId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        Input.NoteId = id;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{result!.Reference}/notes", result.Added ? "Addendum added" : "This addendum was already added");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, id, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, int id, CancellationToken ct)
    {
        try
        {
            await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
            Note = (await Mediator.Send(new GetNotes.Query(reference, CaseAccessLevel.Clinical, id), ct)).Notes.Single();
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
