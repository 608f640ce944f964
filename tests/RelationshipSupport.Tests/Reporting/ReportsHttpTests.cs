using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Reporting;
using RelationshipSupport.Tests.Support;
using UglyToad.PdfPig;

namespace RelationshipSupport.Tests.Reporting;

/// <summary>
/// <c>/reports</c> through real HTTP and the real background worker: who may see it, the figures of a period,
/// asking for a PDF with the manager's texts (once, however often the form is sent), waiting for it and downloading
/// it, and a form with mistakes shown again with everything typed kept.
/// </summary>
public sealed class ReportsHttpTests : IDisposable
{
    private const string Period = "/reports?programme=nhs-staff&from=2026-11-01&to=2026-11-30";
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Supervisor)]
    public async Task Other_staff_are_refused_the_reports_pages_and_the_request(string role)
    {
        var client = await app.SignedInClientAsync(role);
        foreach (var url in new[] { "/reports", Period, "/reports/runs/1", "/reports/runs/1?handler=download" })
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"{role} was not refused {url}");
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/reports", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(0, await app.QueryDbAsync(db => db.ReportRuns.CountAsync()));
    }

    [Fact]
    public async Task Visitors_are_sent_to_sign_in()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(Period);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_manager_sees_the_figures_asks_once_for_the_pdf_and_downloads_it_with_their_texts()
    {
        await ReportData.ThreeCouplesAsync(app);
        var client = await app.SignedInClientAsync(Roles.Manager);

        var form = await HtmlForm.GetAsync(client, Period);
        Assert.Equal("3", form.Document.QuerySelector("[data-testid=referrals]")!.TextContent.Trim());
        Assert.Contains("t(2)=2.00, p=.184", form.Document.QuerySelector("[data-testid=measures]")!.TextContent, StringComparison.Ordinal);
        var texts = new Dictionary<string, string?>
        {
            ["Input.Style"] = "Dwp",
            ["Input.Authors"] = "Dr A Author\nDr B Author",
            ["Input.Introduction"] = "The programme supported NHS staff in London.\n\n- Aim one\n- Aim two",
        };

        var first = await form.PostAsync(client, texts);
        var again = await form.PostAsync(client, texts); // the same form sent twice

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var run = await app.QueryDbAsync(db => db.ReportRuns.SingleAsync());
        Assert.Equal($"/reports/runs/{run.Id}", first.Headers.Location!.OriginalString);
        Assert.Equal((ReportStyle.Dwp, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (run.Style, run.From, run.To));

        var runPage = await WaitUntilReadyAsync(client, run.Id);
        Assert.Contains("pages", runPage.QuerySelector("[data-testid=run-state]")!.TextContent, StringComparison.Ordinal);

        var download = await client.GetAsync($"/reports/runs/{run.Id}?handler=download");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nhs-staff-clinical-evaluation-report-2026-11-01-to-2026-11-30.pdf", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        using var pdf = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("The programme supported NHS staff in London.", text, StringComparison.Ordinal);
        Assert.Contains("Dr B Author", text, StringComparison.Ordinal);
        Assert.Equal("Dr A Author; Dr B Author", pdf.Information.Author);

        // The next report for the period starts from these texts; the run is listed.
        var next = await HtmlForm.GetAsync(client, Period);
        Assert.Equal(texts["Input.Introduction"], next.Form.QuerySelector("textarea[name='Input.Introduction']")!.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        Assert.Contains("Download PDF", next.Document.QuerySelector("[data-testid=runs]")!.TextContent, StringComparison.Ordinal);

        var actions = await app.QueryDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Equal(1, actions.Count(a => a == AuditActions.ReportRequested));
        Assert.Equal(1, actions.Count(a => a == AuditActions.ReportDownloaded));
        Assert.True(actions.Count(a => a == AuditActions.ReportFiguresViewed) >= 2);
    }

    [Fact]
    public async Task A_form_with_mistakes_is_shown_again_with_the_texts_kept_and_nothing_queued()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var form = await HtmlForm.GetAsync(client, Period);
        var conclusions = "Our conclusions. " + new string('x', 8001);

        var response = await form.PostAsync(client, new()
        {
            ["Input.To"] = "2026-10-01", // before the start: a tampered or stale form
            ["Input.Introduction"] = "Kept introduction",
            ["Input.Conclusions"] = conclusions,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        var summary = page.QuerySelector(".nhsuk-error-summary")!.TextContent;
        Assert.Contains("The period must end on or after the day it starts", summary, StringComparison.Ordinal);
        Assert.Contains("Conclusions must be 8,000 characters or fewer", summary, StringComparison.Ordinal);
        Assert.Equal("Kept introduction", page.QuerySelector("textarea[name='Input.Introduction']")!.TextContent.Trim());
        Assert.Equal(conclusions, page.QuerySelector("textarea[name='Input.Conclusions']")!.TextContent.Trim());
        Assert.Equal(0, await app.QueryDbAsync(db => db.ReportRuns.CountAsync()));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> WaitUntilReadyAsync(HttpClient client, int runId)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var page = await HtmlForm.ParseAsync(await client.GetAsync($"/reports/runs/{runId}"));
            if (page.QuerySelector("[data-testid=download]") is not null)
            {
                return page;
            }
            Assert.Null(page.QuerySelector(".nhsuk-tag--red")); // failed
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"Report run {runId} was not ready within a minute");
    }
}
