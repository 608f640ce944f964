using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using RelationshipSupport.Domain;
using RelationshipSupport.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Triage;

/// <summary>
/// A coordinator's <c>/triage</c> queue and one referral's page in a real browser: finding a new referral,
/// recording a contact attempt, axe-core in each state, and the queue on a phone. Each test saves full-page
/// screenshots (bin/…/screenshots) for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TriageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_coordinator_finds_a_new_referral_by_name_and_reference_and_records_a_contact_attempt()
    {
        var surname = UniqueSurname("Triagetest");
        var reference = await SubmitReferralAsync(surname);
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        var user = await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        // The whole queue (the collection makes only a handful of referrals: one page of 25) lists it.
        await page.GotoAsync("/triage");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Triage", Level = 1 })).ToBeVisibleAsync();
        var row = QueueRow(page, reference);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("name")).ToHaveTextAsync($"Alex {surname}");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Received");
        await Expect(row.GetByTestId("age")).ToHaveTextAsync(new Regex("^[01]$")); // 1 only if UK midnight passed meanwhile

        // Searching by the last name, then by the reference, finds this referral and nothing else.
        await SearchAsync(page, surname);
        await Expect(page.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(QueueRow(page, reference)).ToBeVisibleAsync();
        await SearchAsync(page, reference);
        await Expect(page.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(QueueRow(page, reference)).ToBeVisibleAsync();

        await QueueRow(page, reference).GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/triage/referral/{reference}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Alex {surname} and Jordan {surname}");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Received");
        await Expect(page.GetByTestId("no-attempts")).ToBeVisibleAsync();

        // The browser's app runs on the real clock: two minutes ago, as a UK wall clock shows it.
        var at = UkTime.ToLocal(DateTime.UtcNow.AddMinutes(-2));
        await FillContactAttemptAsync(page, at, "Phone", "No answer", "Rang at the safe time given; try again tomorrow evening.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact attempt" }).ClickAsync();

        var banner = page.GetByTestId("success");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Contact attempt recorded");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Contacting");
        var attempts = page.GetByTestId("attempts").Locator("tbody tr");
        await Expect(attempts).ToHaveCountAsync(1);
        var cells = attempts.First.Locator("th, td");
        await Expect(cells).ToHaveCountAsync(5);
        await Expect(cells.Nth(0)).ToHaveTextAsync(at.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture));
        await Expect(cells.Nth(1)).ToHaveTextAsync("Phone");
        await Expect(cells.Nth(2)).ToHaveTextAsync("No answer");
        await Expect(cells.Nth(3)).ToHaveTextAsync("Rang at the safe time given; try again tomorrow evening.");
        await Expect(cells.Nth(4)).ToHaveTextAsync(user.DisplayName);

        // Back in the queue, the row shows the new status, the attempt and when it was.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to triage" }).ClickAsync();
        row = QueueRow(page, reference);
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Contacting");
        await Expect(row.GetByTestId("attempts")).ToHaveTextAsync("1");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_queue_with_referrals_and_a_risk_flag_has_no_serious_accessibility_problems()
    {
        var reference = await SubmitReferralAsync(UniqueSurname("Queuetest"));
        var risky = await SubmitReferralAsync(UniqueSurname("Risktest"), risk: true);
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        await page.GotoAsync("/triage");
        await Expect(QueueRow(page, reference)).ToBeVisibleAsync();
        await Expect(QueueRow(page, risky).GetByText("Risk flag")).ToBeVisibleAsync();
        await Expect(QueueRow(page, reference).GetByText("Risk flag")).ToHaveCountAsync(0);
        // On a desktop screen every column is in view: nothing is hidden behind a sideways scroll.
        var queue = page.GetByRole(AriaRole.Region, new() { Name = "Referrals", Exact = true });
        var hidden = await queue.EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
        Assert.True(hidden <= 0, $"The queue is {hidden}px wider than a 1280px-wide screen shows: its last columns are out of sight.");

        await session.ScreenshotAsync("triage-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the triage queue with a risk-flagged referral");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_queue_when_a_search_finds_nothing_has_no_serious_accessibility_problems()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        await page.GotoAsync("/triage");
        await SearchAsync(page, UniqueSurname("Nobody"));
        await Expect(page.GetByTestId("empty-queue")).ToHaveTextAsync(new Regex("No referrals match these filters"));
        await Expect(page.GetByTestId("queue")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" })).ToBeVisibleAsync();

        await session.ScreenshotAsync("triage-empty-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the triage queue when a search finds nothing");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_referral_with_a_risk_flag_and_a_contact_attempt_has_no_serious_accessibility_problems()
    {
        var reference = await SubmitReferralAsync(UniqueSurname("Pagetest"), risk: true);
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        await page.GotoAsync($"/triage/referral/{reference}");
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);
        await session.ScreenshotAsync("triage-referral-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a new referral with a risk flag");

        // With the success banner and the table of attempts.
        await FillContactAttemptAsync(page, UkTime.ToLocal(DateTime.UtcNow.AddMinutes(-2)), "Text message", "Left a message", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact attempt" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToBeVisibleAsync();
        await session.ScreenshotAsync("triage-referral-attempt-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a referral after recording a contact attempt");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task A_referral_whose_contact_form_was_sent_empty_has_no_serious_accessibility_problems()
    {
        var reference = await SubmitReferralAsync(UniqueSurname("Errortest"));
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        await page.GotoAsync($"/triage/referral/{reference}");
        // The date starts as today: empty it too, so every question is unanswered.
        var date = page.GetByRole(AriaRole.Group, new() { Name = "Date", Exact = true });
        foreach (var part in new[] { "Day", "Month", "Year" })
        {
            await date.GetByLabel(part, new() { Exact = true }).FillAsync("");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact attempt" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        var summary = page.Locator(".nhsuk-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(
        [
            "Enter the date of the contact attempt",
            "Enter the time of the contact attempt",
            "Select how you tried to contact them",
            "Select what happened",
        ]);
        await Expect(page.GetByTestId("no-attempts")).ToBeVisibleAsync();

        await session.ScreenshotAsync("triage-referral-errors-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a referral whose contact form shows errors");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task On_a_phone_the_queue_and_a_referral_do_not_scroll_sideways_and_the_wide_tables_scroll_in_a_labelled_region()
    {
        var reference = await SubmitReferralAsync(UniqueSurname("Phonetest"), risk: true);
        await using var session = await browser.NewSessionAsync(BrowserFixture.Phone);
        await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        await page.GotoAsync("/triage");
        await Expect(QueueRow(page, reference)).ToBeVisibleAsync();
        await session.ScreenshotAsync("triage-phone");
        await AssertNoSidewaysPageScrollAsync(page, "/triage");
        // The queue is wider than a phone: it scrolls inside a region that a keyboard can reach and a screen
        // reader names, and the page around it stays put.
        var region = page.GetByRole(AriaRole.Region, new() { Name = "Referrals", Exact = true });
        await Expect(region).ToHaveAttributeAsync("tabindex", "0");
        Assert.True(await region.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"),
            "Expected the queue to be wider than a 390px phone (and so to scroll inside its region); if it now fits, this test can say so.");
        await region.FocusAsync();
        await Expect(region).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("e => e.scrollLeft > 0", await region.ElementHandleAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the triage queue on a phone");

        await QueueRow(page, reference).GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await FillContactAttemptAsync(page, UkTime.ToLocal(DateTime.UtcNow.AddMinutes(-2)), "Email", "Email or letter sent",
            "Sent the usual first email with the booking link; no reply yet. Will ring on Thursday after 7pm as asked.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact attempt" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToBeVisibleAsync();
        await session.ScreenshotAsync("triage-referral-phone");
        await AssertNoSidewaysPageScrollAsync(page, "the referral page");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Contact attempts", Exact = true })).ToHaveAttributeAsync("tabindex", "0");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a referral on a phone");
        session.AssertNoBrowserProblems();
    }

    private static string UniqueSurname(string stem) => TestReferrals.UniqueName(stem);

    private static ILocator QueueRow(IPage page, string reference) =>
        page.GetByTestId("queue").Locator($"tbody tr[data-reference='{reference}']");

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.GetByLabel("Reference or name").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.GetByLabel("Reference or name")).ToHaveValueAsync(text);
    }

    private static async Task FillContactAttemptAsync(IPage page, DateTime ukLocal, string method, string outcome, string? note)
    {
        var date = page.GetByRole(AriaRole.Group, new() { Name = "Date", Exact = true });
        await date.GetByLabel("Day", new() { Exact = true }).FillAsync(ukLocal.Day.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Month", new() { Exact = true }).FillAsync(ukLocal.Month.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Year", new() { Exact = true }).FillAsync(ukLocal.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time", new() { Exact = true }).FillAsync(ukLocal.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Group, new() { Name = "How did you try to contact them?" }).GetByLabel(method, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "What happened?" }).GetByLabel(outcome, new() { Exact = true }).CheckAsync();
        if (note is not null) await page.GetByLabel("Note (optional)").FillAsync(note);
    }

    /// <summary>Fails when the page itself scrolls sideways, naming the elements that stick out past its right edge.</summary>
    private static async Task AssertNoSidewaysPageScrollAsync(IPage page, string description)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow <= 0) return;
        // The outermost elements past the edge (not their children, and nothing inside a scrolling container).
        var culprits = await page.EvaluateAsync<string[]>(
            @"() => {
                const width = document.documentElement.clientWidth;
                const scrolls = e => e.closest('[data-scrolls], .rs-table-scroll') !== null;
                return [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !scrolls(e.parentElement ?? e))
                    .filter(e => !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 0.5))
                    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
            }");
        Assert.Fail($"{description} scrolls sideways by {overflow}px on a {page.ViewportSize?.Width}px-wide screen. Sticking out: {string.Join("; ", culprits)}");
    }

    /// <summary>A couple's self-referral sent through the app's own mediator (validation and all), as the public form sends it.</summary>
    private async Task<string> SubmitReferralAsync(string lastName, bool risk = false) =>
        (await TestHost.SendAsync(browser.App.Services, TestReferrals.Couple(lastName, risk: risk))).Reference;
}
