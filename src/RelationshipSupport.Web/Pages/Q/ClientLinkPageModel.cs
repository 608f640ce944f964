using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Outcomes.Online;

namespace RelationshipSupport.Web.Pages.Q;

/// <summary>
/// What the client's questionnaire pages (<c>/q/{token}/…</c>, no account) share: headers that keep the private link
/// out of caches, referrers and search engines; the link's token from the route; and the page for a link that does not
/// work, with its status code (404 not valid, 410 expired or cancelled, 200 for "already submitted, thank you").
/// </summary>
public abstract class ClientLinkPageModel(IMediator mediator) : PageModel
{
    /// <summary>TempData: the request the client has just submitted (the thank-you page shows its risk message only then).</summary>
    public const string SubmittedKey = "q.submitted";
    /// <summary>TempData: the risk areas raised by that submission, comma-separated.</summary>
    public const string RiskKey = "q.risk";

    protected IMediator Mediator { get; } = mediator;

    /// <summary>The token, from the address only (never from a form field, which a changed form could set).</summary>
    public string Token => RouteData.Values["token"] as string ?? "";

    /// <summary>Set when the link does not open the questionnaires: the page shows why instead.</summary>
    public LinkRefusal? Refusal { get; private set; }

    /// <summary>The programme's name, when the link is known.</summary>
    public string? ServiceName { get; protected set; }

    /// <summary>The link's base address, e.g. <c>/q/AbC…</c> (the token is the client's own, from the address bar).</summary>
    public string LinkBase => $"/q/{Uri.EscapeDataString(Token)}";

    public string StepUrl(int step) => $"{LinkBase}/{step}";

    public string CheckUrl => $"{LinkBase}/check";

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>Shows the refusal on this page with its status code.</summary>
    protected PageResult Refused(LinkRefusal refusal, string? serviceName)
    {
        Refusal = refusal;
        ServiceName = serviceName;
        Response.StatusCode = StatusCode(refusal);
        return Page();
    }

    public static int StatusCode(LinkRefusal refusal) => refusal switch
    {
        LinkRefusal.NotValid => StatusCodes.Status404NotFound,
        LinkRefusal.Expired or LinkRefusal.Cancelled => StatusCodes.Status410Gone,
        _ => StatusCodes.Status200OK,
    };

    public string RefusalTitle => Refusal switch
    {
        LinkRefusal.Expired => "This link has expired",
        LinkRefusal.Cancelled => "These questionnaires are no longer needed",
        LinkRefusal.AlreadySubmitted => "These questionnaires have already been submitted",
        _ => "This link is not valid",
    };
}
