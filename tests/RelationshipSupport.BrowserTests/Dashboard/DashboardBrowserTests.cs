using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using RelationshipSupport.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Dashboard;

/// <summary>
/// The manager's dashboard in a real browser: Chart.js draws every chart under the strict content security policy
/// (no console error, no blocked script), and choosing another programme changes the figures and the charts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_manager_sees_the_charts_and_the_programme_filter_changes_the_figures()
    {
        // At least one referral in each programme, so neither programme's figures are everyone's.
        await TestHost.SendAsync(browser.App.Services, TestReferrals.Couple(TestReferrals.UniqueName("Dash")));
        await TestHost.SendAsync(browser.App.Services, TestReferrals.Couple(TestReferrals.UniqueName("Dash"), professional: true));
        await browser.App.CreateUserAsync(Roles.Therapist);

        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Manager);
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("scope")).ToContainTextAsync("All programmes");
        foreach (var id in new[] { "chart-referrals", "chart-sessions", "chart-capacity" })
        {
            await Expect(page.Locator($"canvas#{id}")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>($"() => !!window.Chart.getChart('{id}')"), $"Chart.js did not draw {id}");
        }
        var allTotal = int.Parse(await page.GetByTestId("referrals-total").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(allTotal, await ChartedReferralsAsync(page));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the dashboard");
        await session.ScreenshotAsync("dashboard-all");

        await page.GetByLabel("Programme", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Parents in conflict" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("programme=parents-in-conflict", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("scope")).ToContainTextAsync("Parents in conflict");
        await Expect(page.GetByLabel("Programme", new() { Exact = true })).ToHaveValueAsync("parents-in-conflict");
        var oneTotal = int.Parse(await page.GetByTestId("referrals-total").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(oneTotal, 1, allTotal - 1);
        Assert.Equal(oneTotal, await ChartedReferralsAsync(page));
        await Expect(page.GetByTestId("export")).ToHaveAttributeAsync("href", new Regex("^/dashboard/export\\?programme=parents-in-conflict&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}$"));
        await session.ScreenshotAsync("dashboard-programme");

        // The figures behind a chart are readable as a table.
        await page.GetByText("Referrals per month as a table").ClickAsync();
        await Expect(page.GetByTestId("referrals-table")).ToBeVisibleAsync();
        session.AssertNoBrowserProblems();
    }

    /// <summary>The sum of every bar of the referrals chart, as Chart.js holds it.</summary>
    private static Task<int> ChartedReferralsAsync(IPage page) => page.EvaluateAsync<int>(
        "() => window.Chart.getChart('chart-referrals').data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0)");
}
