using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Sessions;

/// <summary><c>/cases/{reference}/sessions/{id}/attendance</c>: one of the case's therapists records what happened, and any risk raised.</summary>
public sealed class AttendanceModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "sessions";

    [BindProperty] public RecordAttendance.Command Input { get; set; } = new();

    public GetSessions.Row Session { get; private set; } = default!;

    public IReadOnlyList<Choice> ClientChoices { get; private set; } = [];

    public bool CanRecord => Case.IsOpen && Case.UserIsTherapistOnCase;

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
        Input.ConcurrencyStamp = Session.ConcurrencyStamp;
        Input.Outcome = Session.Attendance;
        Input.Attended = Session.Attended;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, int id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        Input.SessionId = id;
        try
        {
            var (sent, result) = await TrySendAsync(Input, ct);
            if (sent)
            {
                var message = $"Attendance recorded: {SessionsDisplay.Outcome(result!.Outcome).ToLowerInvariant()}"
                    + (result.TaskCreated ? ". A follow-up task has been added for the next working day" : "")
                    + (result.SupervisorAlerted ? ". The supervisor has been alerted to the risk" : "");
                return RedirectWithSuccess($"/cases/{Uri.EscapeDataString(result.Reference)}/sessions", message);
            }
            if (!await LoadAsync(reference, id, ct)) return NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Conflict) Input.ConcurrencyStamp = Session.ConcurrencyStamp;
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, int id, CancellationToken ct)
    {
        await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
        var view = await Mediator.Send(new GetSessions.Query(reference), ct);
        var session = view.Sessions.SingleOrDefault(s => s.Id == id);
        if (session is null) return false;
        Session = session;
        var firstNames = Case.Names.Split(" and ").Select(n => n.Split(' ')[0]).ToList();
        ClientChoices = SessionsDisplay.ClientChoices(firstNames);
        return true;
    }
}
