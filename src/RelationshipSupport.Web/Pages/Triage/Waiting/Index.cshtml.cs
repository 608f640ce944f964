using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Triage.Waiting;

/// <summary><c>/triage/waiting-list</c>: referrals waiting for assessment, priorities first, then the longest waiting.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ProgrammeCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public GetWaitingList.Result? List { get; private set; }
    public IReadOnlyList<Choice> Programmes { get; private set; } = [];

    public bool IsFiltered => !string.IsNullOrEmpty(ProgrammeCode) || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            List = await mediator.Send(new GetWaitingList.Query
            {
                ProgrammeCode = string.IsNullOrWhiteSpace(ProgrammeCode) ? null : ProgrammeCode.Trim(),
                Search = Search,
                PageNumber = PageNumber,
            }, ct);
            Programmes = ToChoices(List.Programmes);
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

    public string PageUrl(int pageNumber)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(ProgrammeCode)) query.Add(nameof(ProgrammeCode), ProgrammeCode);
        if (!string.IsNullOrWhiteSpace(Search)) query.Add(nameof(Search), Search);
        query.Add(nameof(PageNumber), pageNumber.ToString(CultureInfo.InvariantCulture));
        return "/triage/waiting-list" + query.ToQueryString();
    }

    public static string Median(double? days) => days is not { } d ? "None"
        : d % 1 == 0 ? TriageDisplay.Days((int)d) : $"{d.ToString("0.#", CultureInfo.InvariantCulture)} days";

    private static List<Choice> ToChoices(IEnumerable<GetTriageQueue.ProgrammeOption> programmes) =>
        programmes.Select(p => new Choice(p.Code, p.Name)).ToList();
}
