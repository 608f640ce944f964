using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Cases.Outcomes;

/// <summary>
/// <c>/cases/{reference}/outcomes</c>, the case's "Questionnaires" tab: clinical content (the case's therapists and
/// their supervisor; anyone else 404 and audited). The case's therapists ask for questionnaires (a private link by
/// email, or on paper or in a session), send a new link, cancel, and go on to enter answers; everyone here reads
/// each client's requests, scores, charts over time and intake-against-latest table.
/// </summary>
public sealed class IndexModel(IMediator mediator) : CaseWorkPageModel(mediator)
{
    public override string Tab => "outcomes";

    [BindProperty] public RequestQuestionnaires.Command Input { get; set; } = new();

    /// <summary>The form showed a choice of clients (a couple): none ticked is a mistake, not "everyone".</summary>
    [BindProperty] public bool ChoosingClients { get; set; }

    public GetOutcomes.Result Outcomes { get; private set; } = default!;

    public IReadOnlyList<Choice> TimepointChoices => Outcomes.Timepoints
        .Select(t => new Choice(t.Timepoint.ToString(), t.Label, t.Instruments.Count == 0 ? null : string.Join(", ", t.Instruments)))
        .ToList();

    public IReadOnlyList<Choice> SessionChoices => Outcomes.Sessions
        .Select(s => new Choice(s.Id.ToString(CultureInfo.InvariantCulture), s.Label)).ToList();

    public IReadOnlyList<Choice> ClientChoices => Outcomes.Clients
        .Select(c => new Choice(c.PersonId.ToString(CultureInfo.InvariantCulture), c.Name, c.AgreedToEmail ? null : "Has not agreed to email: paper or in session only"))
        .ToList();

    public static readonly IReadOnlyList<Choice> HowChoices =
    [
        new("true", "Email each client a private link", "Clients who agreed to email get their own link; it works until they submit or it expires. Anyone else answers on paper or in a session."),
        new("false", "I will give them on paper or in the session", "Then choose “Enter answers” to type in what each client answered."),
    ];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        SetDefaults();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        ModelState.Clear();
        Input.Reference = reference;
        if (ChoosingClients && Input.PersonIds.Count == 0)
        {
            ModelState.AddModelError("Input.PersonIds", "Choose the clients to ask");
        }
        else
        {
            try
            {
                var (sent, result) = await TrySendAsync(Input, ct);
                if (sent)
                {
                    return RedirectWithSuccess($"/cases/{result!.Reference}/outcomes", AskedMessage(result, Input.SendLinks));
                }
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }
        if (!await LoadAsync(reference, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(string reference, int requestId, Guid concurrencyStamp, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var (sent, result) = await TrySendAsync(new ResendLink.Command { Reference = reference, RequestId = requestId, ConcurrencyStamp = concurrencyStamp }, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{result!.Reference}/outcomes", result.Sent
                    ? $"A new private link was emailed to {result.ClientFirstName}; it works until {CaseDisplay.Day(result.LinkExpiresAtUtc)}. Any earlier link no longer works."
                    : $"A new link had just been emailed to {result.ClientFirstName}: no second email was sent.");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await ReshowAsync(reference, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(string reference, int requestId, Guid concurrencyStamp, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            var (sent, result) = await TrySendAsync(new CancelQuestionnaire.Command { Reference = reference, RequestId = requestId, ConcurrencyStamp = concurrencyStamp }, ct);
            if (sent)
            {
                return RedirectWithSuccess($"/cases/{result!.Reference}/outcomes", result.Cancelled
                    ? $"{result.ClientFirstName}'s questionnaires were cancelled: their link no longer works."
                    : $"{result.ClientFirstName}'s questionnaires had already been cancelled.");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await ReshowAsync(reference, ct);
    }

    public static string AskedMessage(RequestQuestionnaires.Result result, bool sendLinks)
    {
        static string Clients(int n) => n == 1 ? "1 client" : $"{n} clients";
        if (result.Created == 0)
        {
            return $"These questionnaires had already been asked for ({Clients(result.AlreadyAsked)}): nothing new was created.";
        }
        var parts = new List<string> { $"Questionnaires asked for: {Clients(result.Created)}." };
        if (sendLinks && result.LinksSent > 0)
        {
            parts.Add($"A private link was emailed to {Clients(result.LinksSent)}.");
        }
        if (result.WithoutEmail.Count > 0)
        {
            parts.Add($"{Join(result.WithoutEmail)} {(result.WithoutEmail.Count == 1 ? "has" : "have")} not agreed to email: give them the questionnaires on paper or in a session, then choose “Enter answers”.");
        }
        else if (!sendLinks)
        {
            parts.Add("Give them on paper or in the session, then choose “Enter answers”.");
        }
        if (result.AlreadyAsked > 0)
        {
            parts.Add($"{Clients(result.AlreadyAsked)} had already been asked.");
        }
        return string.Join(' ', parts);
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private async Task<IActionResult> ReshowAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct)) return NotFound();
        SetDefaults();
        return Page();
    }

    private void SetDefaults()
    {
        Input = new RequestQuestionnaires.Command
        {
            SendLinks = true,
            PersonIds = Outcomes.Clients.Select(c => c.PersonId).ToList(),
        };
        // Only the obvious choice is made for the therapist: intake until it has been asked for, and the end once the
        // case has ended. Otherwise they choose.
        var asked = Outcomes.Clients.SelectMany(c => c.Requests).Where(r => r.Status != QuestionnaireStatus.Cancelled).Select(r => r.Timepoint).ToHashSet();
        var offered = Outcomes.Timepoints.Select(t => t.Timepoint).ToHashSet();
        var obvious = !Case.IsOpen ? Timepoint.End : Timepoint.Intake;
        if (offered.Contains(obvious) && !asked.Contains(obvious)) Input.Timepoint = obvious;
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        try
        {
            await LoadCaseAsync(reference, CaseAccessLevel.Clinical, ct);
            Outcomes = await Mediator.Send(new GetOutcomes.Query(reference), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
