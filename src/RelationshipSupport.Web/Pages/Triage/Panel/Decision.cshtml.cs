using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.Pages.Triage.Screening;

namespace RelationshipSupport.Web.Pages.Triage.Panel;

/// <summary>
/// <c>/triage/panel/{id}/case/{reference}</c>: the panel's decision on one case, in the clinical lead's name (prefilled
/// from the meeting): accepted, not suitable (reason and signposting) or deferred (what the panel needs).
/// </summary>
public sealed class DecisionModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    [BindProperty] public RecordPanelDecision.Command Input { get; set; } = new();

    public GetPanelMeeting.Details Meeting { get; private set; } = default!;
    public GetScreeningCase.Details Case { get; private set; } = default!;
    public GetPanelMeeting.Case? PanelCase { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string reference, CancellationToken ct)
    {
        if (!await LoadAsync(id, reference, ct)) return NotFound();
        Input.ConcurrencyStamp = Meeting.ConcurrencyStamp;
        Input.DecidedByName = Meeting.ClinicalLeadName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string reference, CancellationToken ct)
    {
        ModelState.Clear();
        Input.MeetingId = id;
        Input.Reference = reference;
        var (notFound, result) = await TrySendAsync(Input, ct);
        if (notFound) return NotFound();
        if (result is not null)
        {
            TempData[MeetingModel.SuccessKey] = result.Decision switch
            {
                PanelDecision.Accepted => $"Decision recorded: {result.Reference} accepted, now waiting for assessment",
                PanelDecision.NotSuitable => $"Decision recorded: {result.Reference} not suitable. The outcome emails are on their way",
                _ => $"Decision recorded: {result.Reference} deferred. Add it to a later meeting when the panel has what it needs",
            };
            return RedirectToPage("/Triage/Panel/Meeting", new { id });
        }
        if (!await LoadAsync(id, reference, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Meeting.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, string reference, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, reference, ct)) return NotFound();
        BuildPreview(Case, Input.NotSuitable);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, string reference, CancellationToken ct)
    {
        try
        {
            Case = await Mediator.Send(new GetScreeningCase.Query(reference, "panel-decision"), ct);
            Meeting = await Mediator.Send(new GetPanelMeeting.Query(id), ct);
            PanelCase = Meeting.Cases.FirstOrDefault(c => c.Reference == Case.Reference);
            ViewData["SignpostingDirectory"] = Case.Directory;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
