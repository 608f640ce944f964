using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary>
/// <c>/cases/{reference}/sessions</c>: the case's sessions, requests for extra sessions and follow-up tasks. Clinicians
/// and oversight users see it; the case's therapists schedule, record attendance and mark tasks done.
/// </summary>
public sealed class IndexModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "sessions";

    public GetSessions.View View { get; private set; } = default!;

    [BindProperty] public CompleteCaseTask.Command Input { get; set; } = new();

    public bool CanWork => Case.IsOpen && Case.UserIsTherapistOnCase && User.IsInRole(Application.Identity.Roles.Therapist);

    public bool CanSchedule => CanWork && Case.Status == ReferralStatus.InTherapy;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        try
        {
            await LoadAsync(reference, ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostTaskDoneAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        try
        {
            var (sent, _) = await TrySendAsync(Input, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{Uri.EscapeDataString(reference)}/sessions", "Task marked done");
            }
            await LoadAsync(reference, ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private async Task LoadAsync(string reference, CancellationToken ct)
    {
        await LoadCaseAsync(reference, CaseAccessLevel.Oversight, ct);
        View = await Mediator.Send(new GetSessions.Query(reference), ct);
    }
}
