using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary><c>/cases/{reference}/sessions/new</c>: one of the case's therapists schedules a session.</summary>
public sealed class NewModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "sessions";

    [BindProperty] public ScheduleSession.Command Input { get; set; } = new();

    public IReadOnlyList<Choice> Therapists { get; private set; } = [];

    public IReadOnlyList<Choice> ClientChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Therapist)) return Forbid();
        try
        {
            await LoadAsync(reference, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Input.SubmissionId = Guid.NewGuid();
        Input.Minutes = Case.MaxSessionMinutes;
        Input.TherapistIds = Case.Therapists.Select(t => t.UserId).ToList();
        Input.Clients = Case.ClientType == ClientType.Individual ? Domain.Cases.SessionClients.PrimaryOnly : Domain.Cases.SessionClients.Both;
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
                var message = result!.AlreadyScheduled
                    ? "That session was already scheduled"
                    : $"Session scheduled for {SessionsDisplay.Date(result.StartsAtUtc)} at {SessionsDisplay.Time(result.StartsAtUtc)}"
                      + (result.InvitationsQueued > 0 ? $": {result.InvitationsQueued} {(result.InvitationsQueued == 1 ? "invitation" : "invitations")} emailed" : "");
                return RedirectWithSuccess($"/cases/{Uri.EscapeDataString(result.Reference)}/sessions", message);
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
        Therapists = Case.Therapists.Select(t => new Choice(t.UserId, t.Name, t.Role == AllocationRole.Lead && Case.Therapists.Count > 1 ? "Lead therapist" : null)).ToList();
        var firstNames = Case.Names.Split(" and ").Select(n => n.Split(' ')[0]).ToList();
        ClientChoices = SessionsDisplay.ClientChoices(firstNames);
    }
}
