using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Web.Pages.Triage.Screening;

namespace RelationshipSupport.Web.Pages.Triage.Panel;

/// <summary><c>/triage/panel/{id}</c>: one meeting, its cases and their decisions, and the form to add waiting referrals.</summary>
public sealed class MeetingModel(IMediator mediator) : ScreeningPageModel(mediator)
{
    public new const string SuccessKey = "panel.success";

    [BindProperty] public AddPanelCases.Command Input { get; set; } = new();

    public GetPanelMeeting.Details Meeting { get; private set; } = default!;

    public string? Success { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Success = TempData[SuccessKey] as string;
        Input.ConcurrencyStamp = Meeting.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.MeetingId = id;
        var (notFound, result) = await TrySendAsync(Input, ct);
        if (notFound) return NotFound();
        if (result is not null)
        {
            TempData[SuccessKey] = result.Added switch
            {
                0 => "Those referrals were already on the meeting's list",
                1 => "1 referral added to the meeting",
                var n => $"{n} referrals added to the meeting",
            };
            return RedirectToPage("/Triage/Panel/Meeting", new { id });
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Conflict) Input.ConcurrencyStamp = Meeting.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        try
        {
            Meeting = await Mediator.Send(new GetPanelMeeting.Query(id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
