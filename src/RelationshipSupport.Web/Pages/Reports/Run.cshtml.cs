using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Reporting.Runs;
using RelationshipSupport.Domain.Reporting;

namespace RelationshipSupport.Web.Pages.Reports;

/// <summary><c>/reports/runs/{id}</c>: a report being made (the page refreshes itself until it is ready) or made, with its download.</summary>
public sealed class RunModel(IMediator mediator) : PageModel
{
    public ReportRunSummary Run { get; private set; } = default!;

    public bool InProgress => Run.Status is ReportRunStatus.Queued or ReportRunStatus.Running;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        try
        {
            Run = await mediator.Send(new GetReportRun.Query(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (InProgress)
        {
            Response.Headers.CacheControl = "no-store";
        }
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(int id, CancellationToken ct)
    {
        try
        {
            var file = await mediator.Send(new GetReportFile.Query(id), ct);
            Response.Headers.CacheControl = "no-store";
            return File(file.Content, "application/pdf", file.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
