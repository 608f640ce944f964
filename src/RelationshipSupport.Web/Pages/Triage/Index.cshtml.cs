using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage;

/// <summary><c>/triage</c>: the coordinators' queue of referrals, oldest first, with filters and search (a GET form).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ProgrammeCode { get; set; }
    [BindProperty(SupportsGet = true)] public ReferralStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool RiskOnly { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public GetTriageQueue.Result? Queue { get; private set; }
    public IReadOnlyList<Choice> Programmes { get; private set; } = [];

    public bool IsFiltered => !string.IsNullOrEmpty(ProgrammeCode) || Status is not null || RiskOnly || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A mistyped query string (an unknown status, say) is answered by the validator's own messages.
        ModelState.Clear();
        try
        {
            Queue = await mediator.Send(new GetTriageQueue.Query
            {
                ProgrammeCode = string.IsNullOrWhiteSpace(ProgrammeCode) ? null : ProgrammeCode.Trim(),
                Status = Status,
                RiskOnly = RiskOnly,
                Search = Search,
                PageNumber = PageNumber,
            }, ct);
            Programmes = ToChoices(Queue.Programmes);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (property, message) in ex.Errors)
            {
                ModelState.AddModelError(property, message);
            }
            Programmes = ToChoices(await mediator.Send(new GetTriageQueue.ProgrammesQuery(), ct));
        }
    }

    /// <summary>This page's address with the current filters and another page number.</summary>
    public string PageUrl(int pageNumber)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(ProgrammeCode)) query.Add(nameof(ProgrammeCode), ProgrammeCode);
        if (Status is { } status) query.Add(nameof(Status), status.ToString());
        if (RiskOnly) query.Add(nameof(RiskOnly), "true");
        if (!string.IsNullOrWhiteSpace(Search)) query.Add(nameof(Search), Search);
        query.Add(nameof(PageNumber), pageNumber.ToString(CultureInfo.InvariantCulture));
        return "/triage" + query.ToQueryString();
    }

    private static List<Choice> ToChoices(IEnumerable<GetTriageQueue.ProgrammeOption> programmes) =>
        programmes.Select(p => new Choice(p.Code, p.Name)).ToList();
}
