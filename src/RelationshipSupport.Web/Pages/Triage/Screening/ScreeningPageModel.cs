using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.Infrastructure;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage.Screening;

/// <summary>
/// What the screening and panel pages share: sending a change and turning its refusals into the error summary
/// (validation, business rule, someone else's change), and the not-suitable fields' choices and preview.
/// </summary>
public abstract class ScreeningPageModel(IMediator mediator) : PageModel
{
    /// <summary>The referral page's banner key: changes made here are announced there.</summary>
    public const string SuccessKey = ReferralModel.SuccessKey;

    protected IMediator Mediator { get; } = mediator;

    /// <summary>Set when someone else changed the record while this user was working on it.</summary>
    public bool Conflict { get; protected set; }

    /// <summary>The person's outcome email as it would be sent, when the user asked to see it.</summary>
    public string? Preview { get; protected set; }

    /// <summary>Sends the change; returns the result, or null when the form must be shown again (ModelState says why).</summary>
    protected async Task<(bool NotFound, T? Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken ct)
    {
        try
        {
            return (false, await Mediator.Send(request, ct));
        }
        catch (NotFoundException)
        {
            return (true, default);
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddValidationErrors(ex, "Input");
        }
        catch (ConcurrencyConflictException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Conflict = true;
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        return (false, default);
    }

    /// <summary>The person's email for the chosen services, as the preview shows it.</summary>
    protected void BuildPreview(GetScreeningCase.Details c, NotSuitableInput input)
    {
        var chosen = c.Directory.Where(d => input.SignpostingIds.Contains(d.Id)).ToList();
        Preview = OutcomeEmails.PersonBody(c.PrimaryFirstName, c.Reference, c.ProgrammeName, c.ProgrammeContactEmail, c.ProgrammeContactPhone, chosen);
        ViewData["OutcomePreview"] = Preview;
    }

    public static IReadOnlyList<Choice> Reasons { get; } =
        ScreeningRules.NotSuitableReasons.Select(r => new Choice(r.ToString(), ScreeningRules.Describe(r))).ToList();

    public static string Kind(SignpostingKind kind) => ScreeningRules.Describe(kind);

    public static string Decision(PanelDecision decision) => decision switch
    {
        PanelDecision.Pending => "Waiting for a decision",
        PanelDecision.Accepted => "Accepted",
        PanelDecision.NotSuitable => "Not suitable",
        PanelDecision.Deferred => "Deferred",
        _ => decision.ToString(),
    };

    public static string Outcome(ScreeningOutcome outcome) => outcome switch
    {
        ScreeningOutcome.Accept => "Accept",
        ScreeningOutcome.NotSuitable => "Not suitable",
        ScreeningOutcome.ReferToSupervisor => "Refer to a supervisor",
        _ => outcome.ToString(),
    };
}
