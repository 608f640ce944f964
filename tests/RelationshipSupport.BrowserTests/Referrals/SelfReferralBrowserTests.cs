using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RelationshipSupport.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Referrals;

/// <summary><c>/refer</c> in a real browser: a member of staff refers themselves (and their partner).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SelfReferralBrowserTests(BrowserFixture browser)
{
    [GeneratedRegex("^RS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex ReferencePattern();

    [Fact]
    public async Task A_member_of_staff_completes_the_form_on_a_phone_and_is_given_a_reference()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Phone);
        var page = session.Page;

        await page.GotoAsync("/refer");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Refer yourself for relationship support");
        await SelfReferralForm.FillForACoupleAsync(page);
        await SelfReferralForm.SendAsync(page);

        await Expect(page).ToHaveURLAsync(new Regex("/refer/confirmation$", RegexOptions.IgnoreCase));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Referral sent", Level = 1 })).ToBeVisibleAsync();
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();
        Assert.Matches(ReferencePattern(), reference);
        await Expect(page.GetByText("North East London Staff Wellbeing Hub")).ToBeVisibleAsync();

        // Nothing on a phone should need sideways scrolling.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The confirmation page scrolls sideways by {overflow}px on a 390px-wide phone.");

        await session.ScreenshotAsync("confirmation-phone");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Sending_the_empty_form_shows_the_error_summary_and_its_links_move_focus_to_the_field()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Phone);
        var page = session.Page;

        await page.GotoAsync("/refer");
        await SelfReferralForm.SendAsync(page);

        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        var summary = page.Locator(".nhsuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        // The design system's script moves focus to the summary, so screen readers announce it at once.
        await Expect(summary).ToBeFocusedAsync();

        var links = summary.GetByRole(AriaRole.Link);
        Assert.True(await links.CountAsync() >= 5, "Expected an error for each unanswered required question.");
        // Every link leads to a field on the page, and the list follows the order of the questions.
        var targets = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var problems = await page.EvaluateAsync<string[]>(
            @"hrefs => {
                const problems = [];
                let previous = null;
                for (const href of hrefs) {
                    const field = document.getElementById(href.slice(1));
                    if (!field) { problems.push(href + ' leads nowhere'); continue; }
                    if (previous && !(previous.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING))
                        problems.push(href + ' is listed after a question that comes later on the page');
                    previous = field;
                }
                return problems;
            }", targets);
        Assert.True(problems.Length == 0, string.Join("\n", problems));

        var first = links.First;
        var target = await first.GetAttributeAsync("href");
        Assert.NotNull(target);
        Assert.StartsWith("#", target);

        await first.ClickAsync();

        var field = page.Locator(target);
        await Expect(field).ToBeFocusedAsync();
        await Expect(field).ToBeInViewportAsync();
        // The field's group shows the same message beside the question.
        var message = (await first.InnerTextAsync()).Trim();
        await Expect(page.Locator(".nhsuk-form-group--error").Filter(new() { Has = field }).Locator(".nhsuk-error-message"))
            .ToContainTextAsync(message);

        session.AssertNoBrowserProblems();
    }
}
