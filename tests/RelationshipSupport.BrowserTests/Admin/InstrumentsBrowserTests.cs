using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Admin;

/// <summary>
/// The questionnaire settings in a real browser: the list, one definition, uploading a file (with problems, then
/// good), and a programme's schedule with a wrong order number, on a desktop and a phone; axe-core in each state.
/// Nothing here changes a seeded programme's schedule (other browser tests give its questionnaires).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InstrumentsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_reads_a_definition_uploads_one_and_checks_a_schedule()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Administrator);
        var page = session.Page;

        await page.GotoAsync("/admin");
        await page.GetByTestId("admin-links").GetByRole(AriaRole.Link, new() { Name = "Questionnaires" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Questionnaires", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=instruments] tr[data-code='CORE-10']")).ToContainTextAsync("Built in");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the questionnaires list");
        await session.ScreenshotAsync("admin-instruments-list");

        await page.Locator("[data-testid=instruments] tr[data-code='CORE-10']").GetByRole(AriaRole.Link, new() { Name = "CORE-10", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/instruments/CORE-10/1$"));
        await Expect(page.Locator("li[data-item='2'] [data-testid=reverse]")).ToBeVisibleAsync();
        await Expect(page.Locator("li[data-item='6'] [data-testid=risk]")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a questionnaire's definition");
        await session.ScreenshotAsync("admin-instrument-core10");

        // A file with problems: every one is listed, and the summary takes the focus's first link to the file field.
        var code = $"CCQ-B{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var example = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "examples", "couple-communication.json"))
            .Replace("\"code\": \"CCQ\"", $"\"code\": \"{code}\"", StringComparison.Ordinal);
        var bad = example.Replace("\"key\": \"violentProblemSolving\"", "\"key\": \"conflict\"", StringComparison.Ordinal)
            .Replace("\"reverse\": true", "\"reverse\": true, \"risk\": { \"area\": \"selfHarmSuicide\", \"atOrAbove\": 9 }", StringComparison.Ordinal);
        await page.GotoAsync("/admin/instruments/upload");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the upload page");
        await page.GetByLabel("Definition file").SetInputFilesAsync(new FilePayload { Name = "ccq.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload definition" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary__list li")).ToHaveCountAsync(2);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the upload page with problems");
        await session.ScreenshotAsync("admin-instrument-upload-problems");

        await page.GetByLabel("Definition file").SetInputFilesAsync(new FilePayload { Name = "ccq.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(example) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload definition" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/instruments/{code}/1$"));
        await Expect(page.GetByTestId("success")).ToContainTextAsync($"{code} added as version 1");
        await session.ScreenshotAsync("admin-instrument-uploaded");

        // A programme's schedule: a wrong order number is shown back beside its questionnaire; nothing is saved.
        await page.GotoAsync("/admin/programmes/parents-in-conflict");
        await page.GetByRole(AriaRole.Link, new() { Name = "Questionnaires" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Questionnaires", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-timepoint=Intake] [data-code='{code}']")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a programme's questionnaires");
        await session.ScreenshotAsync("admin-programme-questionnaires");
        await page.Locator("[data-timepoint=Intake] [data-code='CSI-4'] input[name$='.Order']").FillAsync("first");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save questionnaires" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary__list li")).ToHaveTextAsync("The order of CSI-4 at intake must be a whole number from 1 to 99, or blank");
        await page.Locator(".nhsuk-error-summary__list a").ClickAsync();
        await Expect(page.Locator("[data-timepoint=Intake] [data-code='CSI-4'] input[name$='.Order']")).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a programme's questionnaires with an error");
        await session.ScreenshotAsync("admin-programme-questionnaires-error");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_definition_and_the_schedule_fit_a_phone()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Phone);
        await browser.SignInAsync(session, Roles.Administrator);
        var page = session.Page;

        foreach (var (url, name) in new[] { ("/admin/instruments", "list"), ("/admin/instruments/CORE-10/1", "core10"), ("/admin/programmes/nhs-staff/questionnaires", "schedule") })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{url} is wider than a phone's screen");
            await Accessibility.AssertNoSeriousViolationsAsync(page, url + " on a phone");
            await session.ScreenshotAsync($"admin-instruments-phone-{name}");
        }
        session.AssertNoBrowserProblems();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipSupport.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (RelationshipSupport.sln) was not found above the test's folder.");
    }
}
