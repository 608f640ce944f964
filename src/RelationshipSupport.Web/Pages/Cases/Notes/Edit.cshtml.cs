using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Common;

namespace RelationshipSupport.Web.Pages.Cases.Notes;

/// <summary>
/// <c>/cases/{reference}/notes/{id}/edit</c>: the author changes their note within 24 hours of writing it. After
/// that (or for anyone else) the page explains why and offers an addendum instead.
/// </summary>
public sealed class EditModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "notes";

    [BindProperty] public EditNote.Command Input { get; set; } = new();

    public GetNotes.Note Note { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string reference, int id, CancellationToken ct)
    {
        if (!await LoadAsync(reference, id, ct)) return NotFound();
        Input.ConcurrencyStamp = Note.ConcurrencyStamp;
        Input.Text = Note.Text;
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
                return RedirectWithSuccess($"/cases/{result!.Reference}/notes", result.Changed ? "Note changed" : "No changes to save");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, id, ct)) return NotFound();
        // The user's text stays in the box; the stamp is the latest, so saving again replaces what they now see above.
        if (Conflict) Input.ConcurrencyStamp = Note.ConcurrencyStamp;
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
