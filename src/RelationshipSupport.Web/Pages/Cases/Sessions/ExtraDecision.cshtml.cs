using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary><c>/cases/{reference}/sessions/extra/{id}</c>: a request for extra sessions; a supervisor with clinical access approves or declines it.</summary>
public sealed class ExtraDecisionModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public static readonly IReadOnlyList<Choice> Decisions = [new("true", "Approve"), new("false", "Decline", "Give the reason.")];

    public override string Tab => "sessions";

    [BindProperty] public DecideExtraSessions.Command Input { get; set; } = new();

    public GetSessions.Extension Extension { get; private set; } = default!;

    public bool CanDecide => User.IsInRole(Roles.Supervisor) && Extension.Status == Domain.Cases.ExtensionStatus.Pending
        && Extension.RequestedByUserId != User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    public async Task<IActionResult> OnGetAsync(string reference, int id, CancellationToken ct)
    {
        try
        {
            if (!await LoadAsync(reference, id, ct)) return NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Input.ConcurrencyStamp = Extension.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int id, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Supervisor)) return Forbid();
        ModelState.Clear();
        Input.Reference = reference;
        Input.ExtensionId = id;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{Uri.EscapeDataString(result!.Reference)}/sessions",
                    result.Approved ? $"{result.ExtraSessions} extra {(result.ExtraSessions == 1 ? "session" : "sessions")} approved" : "Request declined");
            }
            if (!await LoadAsync(reference, id, ct)) return NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict) Input.ConcurrencyStamp = Extension.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, int id, CancellationToken ct)
    {
        await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
        var view = await Mediator.Send(new GetSessions.Query(reference), ct);
        var extension = view.Extensions.SingleOrDefault(e => e.Id == id);
        if (extension is null) return false;
        Extension = extension;
        return true;
    }
}
