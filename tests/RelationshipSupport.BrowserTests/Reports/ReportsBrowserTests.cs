using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Reports;

/// <summary>
/// A manager makes the parents programme's clinical evaluation report in a real browser: chooses the programme,
/// reads the figures, writes an introduction, asks for the PDF, waits on the progress page and downloads the file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_manager_makes_and_downloads_a_clinical_evaluation_report()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Manager);
        var page = session.Page;

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Evaluation reports", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Programme", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Parents in conflict" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
        await Expect(page.GetByTestId("report-figures")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Clinical evaluation report (DWP style)")).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the reports page with figures");
        await session.ScreenshotAsync("reports-figures");

        await page.GetByLabel("Introduction and aims").FillAsync("A year of the parents in conflict programme.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the PDF" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/reports/runs/[0-9]+$"));
        var download = page.GetByTestId("download");
        await Expect(download).ToBeVisibleAsync(new() { Timeout = 90_000 }); // the page refreshes itself until the worker is done
        await Expect(page.GetByTestId("run-state")).ToContainTextAsync(new Regex("[0-9]+ pages"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a finished report");
        await session.ScreenshotAsync("reports-run-ready");

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.Matches("^parents-in-conflict-clinical-evaluation-report-[0-9-]+-to-[0-9-]+\\.pdf$", file.SuggestedFilename);
        var path = await file.PathAsync();
        var head = new byte[5];
        await using (var stream = File.OpenRead(path))
        {
            await stream.ReadExactlyAsync(head);
        }
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
    }
}
