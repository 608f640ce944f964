using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.Infrastructure;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Refer;

/// <summary>What both public referral forms share: the submission id, the honeypot, sending and re-rendering.</summary>
public abstract class ReferralFormPage(IMediator mediator, ProgrammeDirectory directory) : PageModel
{
    public const string HoneypotField = "Website";

    [BindProperty] public SubmitReferral.Command Input { get; set; } = new();

    /// <summary>Hidden from people; bots fill it in.</summary>
    [BindProperty(Name = HoneypotField)] public string? Honeypot { get; set; }

    public IReadOnlyList<Choice> Programmes { get; private set; } = [];
    public IReadOnlyList<Choice> Hubs { get; private set; } = [];

    protected abstract ReferralRoute Route { get; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.SubmissionId = Guid.NewGuid();
        await LoadChoicesAsync(ct);
        Input.ProgrammeCode ??= Programmes.Count == 1 ? Programmes[0].Value : null;
        PrepareNewForm();
    }

    protected virtual void PrepareNewForm() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Binding problems (a tampered enum, say) surface as the validator's own clear messages.
        ModelState.Clear();
        await LoadChoicesAsync(ct);
        Input.Route = Route;
        if (Programmes.Count == 1) Input.ProgrammeCode = Programmes[0].Value;

        if (!string.IsNullOrEmpty(Honeypot))
        {
            // Looks like success to the bot; nothing is stored or sent.
            return ShowConfirmation(new SubmitReferral.Result(ReferenceGenerator.New(), false, false));
        }

        try
        {
            var result = await mediator.Send(Input, ct);
            return ShowConfirmation(result);
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Input));
            return Page();
        }
    }

    private RedirectToPageResult ShowConfirmation(SubmitReferral.Result result)
    {
        TempData[ConfirmationModel.ReferenceKey] = result.Reference;
        TempData[ConfirmationModel.ProgrammeKey] = Input.ProgrammeCode;
        // The hub's details are for a member of staff who refers themselves; a professional's team is not "their hub".
        TempData[ConfirmationModel.HubKey] = Input.HubCode == SubmitReferral.NoHub || Route == ReferralRoute.Professional ? null : Input.HubCode;
        TempData[ConfirmationModel.RiskKey] = result.RiskFlag;
        TempData[ConfirmationModel.EmailedKey] = result.Acknowledged;
        TempData[ConfirmationModel.DomesticAbuseKey] = Input.DomesticAbuse is ScreeningAnswer.Yes or ScreeningAnswer.NotSure;
        TempData[ConfirmationModel.MentalHealthKey] = Input.SevereMentalIllness is ScreeningAnswer.Yes or ScreeningAnswer.NotSure;
        TempData[ConfirmationModel.SubstancesKey] = Input.SubstanceMisuse is ScreeningAnswer.Yes or ScreeningAnswer.NotSure;
        return RedirectToPage("/Refer/Confirmation");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var accepting = (await directory.AllAsync(ct)).Where(p => p.Accepts(Route)).ToList();
        Programmes = accepting.Select(p => new Choice(p.Code, p.Name)).ToList();
        var chosen = accepting.Count == 1 ? accepting[0] : accepting.FirstOrDefault(p => p.Code == Input.ProgrammeCode);
        // The area as a hint only where the name does not already say it.
        var hubs = chosen?.Hubs.Where(h => h.IsActive)
            .Select(h => new Choice(h.Code, h.Name, h.Name.Contains(h.Area, StringComparison.OrdinalIgnoreCase) ? null : h.Area)) ?? [];
        Hubs = [.. hubs, new Choice(SubmitReferral.NoHub, Route == ReferralRoute.Professional ? "None of these" : "I do not know")];
    }
}
