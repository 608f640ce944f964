using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Ending;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Ending;

/// <summary>
/// <c>/cases/{reference}/ending</c>: the case's therapists, or a supervisor with clinical access, end an open case
/// (planned or unplanned, reason, signposting, emails). Once ended, everyone who may see the case sees what was
/// recorded here (managers and coordinators without the note).
/// </summary>
public sealed class IndexModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public static readonly IReadOnlyList<Choice> Kinds =
    [
        new(nameof(EndingKind.Planned), "Planned", "Agreed with the clients: therapy completed, or a referral elsewhere."),
        new(nameof(EndingKind.Unplanned), "Unplanned", "For example the clients stopped coming, moved away, or risk means therapy cannot go on."),
    ];

    public static readonly IReadOnlyList<Choice> Reasons = Enum.GetValues<EndingReason>()
        .Select(r => new Choice(r.ToString(), r == EndingReason.Other ? "Other (say why below)" : CaseText.Describe(r))).ToList();

    public override string Tab => "ending";

    [BindProperty] public EndCase.Command Input { get; set; } = new();

    public GetEnding.Details Ending { get; private set; } = default!;

    public static string Kind(SignpostingKind kind) => ScreeningRules.Describe(kind);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        Input.ConcurrencyStamp = Ending.ConcurrencyStamp;
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
                return RedirectWithSuccess($"/cases/{result!.Reference}/ending", result.Ended ? "The case has ended" : "This case had already ended");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Ending.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            await LoadCaseAsync(reference, CaseAccessLevel.Oversight, ct);
            Ending = await Mediator.Send(new GetEnding.Query(reference), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
