using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary><c>/cases/{reference}/sessions/extra</c>: a therapist on the case asks a supervisor for extra sessions; the requests so far.</summary>
public sealed class ExtraModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "sessions";

    [BindProperty] public RequestExtraSessions.Command Input { get; set; } = new();

    public GetSessions.View View { get; private set; } = default!;

    public bool CanRequest => Case.IsOpen && Case.UserIsTherapistOnCase && User.IsInRole(Roles.Therapist)
        && Case.Status == Domain.Referrals.ReferralStatus.InTherapy
        && View.Extensions.All(e => e.Status != Domain.Cases.ExtensionStatus.Pending);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        try
        {
            await LoadAsync(reference, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Therapist)) return Forbid();
        ModelState.Clear();
        Input.Reference = reference;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{Uri.EscapeDataString(result!.Reference)}/sessions",
                    result.AlreadyRequested ? "That request was already sent" : "Request sent: a supervisor has been asked to decide");
            }
            await LoadAsync(reference, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    private async Task LoadAsync(string reference, CancellationToken ct)
    {
        await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
        View = await Mediator.Send(new GetSessions.Query(reference), ct);
    }
}
