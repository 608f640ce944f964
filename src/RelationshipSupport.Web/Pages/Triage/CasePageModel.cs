using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Triage;

/// <summary>
/// What the referral's action pages (priority, allocate, duplicates, close, withdraw) share: the case shown above the
/// form, the success banner after a redirect, and sending a command with its refusals turned into the error summary.
/// </summary>
public abstract class CasePageModel(IMediator mediator) : PageModel
{
    /// <summary>The TempData key the referral page shows its success banner from.</summary>
    public const string SuccessKey = ReferralModel.SuccessKey;

    protected IMediator Mediator { get; } = mediator;

    public GetCaseSummary.Summary Case { get; protected set; } = default!;

    public string? Success { get; protected set; }

    /// <summary>Someone else changed the referral meanwhile: the page shows the latest version and asks again.</summary>
    public bool Conflict { get; protected set; }

    /// <summary>Sends <paramref name="request"/>; on refusal adds the messages to ModelState (under Input) and returns false.</summary>
    protected async Task<(bool Sent, T? Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken ct)
    {
        var (sent, result, conflict) = await ModelState.TrySendAsync(Mediator, request, "Input", ct);
        Conflict |= conflict;
        return (sent, result);
    }

    protected void TakeSuccess() => Success = TempData[SuccessKey] as string;
}
