using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Notes;

/// <summary>
/// <c>/cases/{reference}/notes</c>: the case's notes, newest first. The case's therapists and their supervisor read
/// the text and addenda; managers, coordinators and other supervisors see only that each note exists. The case's
/// therapists add notes here while the case is open.
/// </summary>
public sealed class IndexModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "notes";

    [BindProperty] public AddNote.Command Input { get; set; } = new();

    public GetNotes.Result Notes { get; private set; } = default!;

    public IReadOnlyList<Choice> SessionChoices => Notes.Sessions.Select(s => new Choice(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Label)).ToList();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        Input.FormId = Guid.NewGuid();
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
                return RedirectWithSuccess($"/cases/{result!.Reference}/notes", result.Added ? "Note added" : "This note was already added");
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
            await LoadCaseAsync(reference, CaseAccessLevel.Oversight, ct);
            Notes = await Mediator.Send(new GetNotes.Query(reference), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
