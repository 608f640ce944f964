using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Web.Pages.Triage.Screening;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage.Panel;

/// <summary><c>/triage/panel/new</c>: sets up a panel meeting (programme, date, members, clinical lead).</summary>
public sealed class NewModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    [BindProperty] public CreatePanelMeeting.Command Input { get; set; } = new();

    public IReadOnlyList<Choice> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Programmes.Count == 1) Input.ProgrammeCode = Programmes[0].Value;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (_, result) = await TrySendAsync(Input, ct);
        if (result is not null)
        {
            TempData[MeetingModel.SuccessKey] = result.Created ? "Meeting set up" : "A meeting of that panel on that date was already set up: here it is";
            return RedirectToPage("/Triage/Panel/Meeting", new { id = result.MeetingId });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Programmes = (await Mediator.Send(new GetPanelOverview.Query(), ct)).Panels.Select(p => new Choice(p.ProgrammeCode, p.ProgrammeName)).ToList();
}
