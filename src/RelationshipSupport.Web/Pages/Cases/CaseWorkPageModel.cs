using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Domain;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Web.Pages.Cases;

/// <summary>
/// What the case pages share: the header above the content (<see cref="GetCaseHeader"/>, loaded through
/// <c>CaseAccess</c>, so a case the user may not see answers 404 and is audited), the success banner after a
/// redirect, and sending a command with its refusals turned into the error summary.
/// </summary>
public abstract class CaseWorkPageModel(IMediator mediator) : PageModel
{
    public const string SuccessKey = "CaseSuccess";

    protected IMediator Mediator { get; } = mediator;

    public GetCaseHeader.Header Case { get; protected set; } = default!;

    /// <summary>The tab of <c>_CaseNav</c> this page belongs to: overview, sessions, notes, supervision, ending.</summary>
    public abstract string Tab { get; }

    public string? Success { get; protected set; }

    /// <summary>Someone else changed the record meanwhile: the page shows the latest version and asks again.</summary>
    public bool Conflict { get; protected set; }

    /// <summary>Loads the header (and takes the success banner). Throws NotFoundException (→ 404) when not visible at <paramref name="required"/>.</summary>
    protected async Task LoadCaseAsync(string? reference, CaseAccessLevel required, CancellationToken ct)
    {
        Case = await Mediator.Send(new GetCaseHeader.Query(reference, Tab, required), ct);
        Success = TempData[SuccessKey] as string;
    }

    /// <summary>Sends <paramref name="request"/>; on refusal adds the messages to ModelState (under Input) and returns false.</summary>
    protected async Task<(bool Sent, T? Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken ct)
    {
        var (sent, result, conflict) = await ModelState.TrySendAsync(Mediator, request, "Input", ct);
        Conflict |= conflict;
        return (sent, result);
    }

    /// <summary>After a change: the banner for the next page, and the redirect.</summary>
    protected Microsoft.AspNetCore.Mvc.RedirectResult RedirectWithSuccess(string url, string message)
    {
        TempData[SuccessKey] = message;
        return Redirect(url);
    }
}
