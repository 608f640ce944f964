using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationshipSupport.Application.Reporting.Runs;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Web.Infrastructure;
using RelationshipSupport.Web.TagHelpers;

namespace RelationshipSupport.Web.Pages.Reports;

/// <summary>
/// <c>/reports</c>: choose a programme and period, see its figures, write the report's texts and ask for the PDF
/// (made in the background: the run's page shows progress and offers the file). Lists the latest runs.
/// </summary>
public sealed class IndexModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    [BindProperty] public RequestReport.Command Input { get; set; } = new();

    public GetReportRuns.Result Lists { get; private set; } = new([], []);
    public PreviewReport.Result? Preview { get; private set; }
    /// <summary>The texts form shows with the figures, and again after a refused post (so nothing typed is lost).</summary>
    public bool ShowForm => Preview is not null || Request.Method == HttpMethods.Post;

    /// <summary>A refused period is corrected in the texts form itself, keeping the texts.</summary>
    public bool PeriodNeedsCorrecting =>
        ModelState.TryGetValue("Input.From", out var from) && from.Errors.Count > 0
        || ModelState.TryGetValue("Input.To", out var to) && to.Errors.Count > 0;

    public IReadOnlyList<Choice> Programmes => Lists.Programmes.Select(p => new Choice(p.Code, p.Name)).ToList();

    public static readonly IReadOnlyList<Choice> Styles =
    [
        new(nameof(ReportStyle.Hee), "Service report (HEE style)", "Headline figures, key features, feedback and outcomes: seed report 000"),
        new(nameof(ReportStyle.Dwp), "Clinical evaluation report (DWP style)", "Executive summary, referral flowchart, demographics and Table 1: seed report 001"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var today = UkTime.DateOf(clock.GetUtcNow().UtcDateTime);
        From ??= today.AddYears(-1).AddDays(1);
        To ??= today;
        Lists = await mediator.Send(new GetReportRuns.Query(), ct);
        if (string.IsNullOrWhiteSpace(Programme))
        {
            return;
        }
        await LoadPreviewAsync(ct);
        if (Preview is not null)
        {
            var n = Preview.Narrative;
            Input = new RequestReport.Command
            {
                SubmissionId = Guid.NewGuid(),
                ProgrammeCode = Programme,
                From = From,
                To = To,
                Style = Preview.Style,
                Provider = n.Provider,
                Authors = n.Authors,
                Summary = n.Summary,
                Introduction = n.Introduction,
                ServiceModel = n.ServiceModel,
                Conclusions = n.Conclusions,
            };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (sent, runId, _) = await ModelState.TrySendAsync(mediator, Input, nameof(Input), ct);
        if (sent)
        {
            return Redirect($"/reports/runs/{runId}");
        }
        // Shown again with what was typed: the lists and figures are reloaded, the texts are the user's.
        Programme = Input.ProgrammeCode;
        From = Input.From;
        To = Input.To;
        Lists = await mediator.Send(new GetReportRuns.Query(), ct);
        if (!PeriodNeedsCorrecting && !string.IsNullOrWhiteSpace(Programme))
        {
            await LoadPreviewAsync(ct);
        }
        return Page();
    }

    private async Task LoadPreviewAsync(CancellationToken ct)
    {
        if (From is null || To is null)
        {
            ModelState.AddModelError(nameof(From), "Enter the first and last days of the period");
            return;
        }
        if (To < From)
        {
            ModelState.AddModelError(nameof(To), "The period must end on or after the day it starts");
            return;
        }
        if (To > From.Value.AddYears(RequestReport.MaxYears))
        {
            ModelState.AddModelError(nameof(To), $"A report covers at most {RequestReport.MaxYears} years");
            return;
        }
        try
        {
            Preview = await mediator.Send(new PreviewReport.Query(Programme!.Trim(), From.Value, To.Value), ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(Programme), e.Message);
        }
    }
}
