using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RelationshipSupport.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Referrals;

/// <summary>
/// axe-core on the public referral pages as a desktop browser shows them, in each state a person meets.
/// Each test also saves a full-page screenshot (bin/…/screenshots) for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferralAccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_self_referral_form_has_no_serious_accessibility_problems()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await session.Page.GotoAsync("/refer");

        await session.ScreenshotAsync("refer-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the self-referral form");
        session.AssertNoBrowserProblems();
    }

    [Theory]
    [InlineData("/refer", "refer-errors-desktop")]
    [InlineData("/refer/professional", "refer-professional-errors-desktop")]
    public async Task A_referral_form_showing_errors_has_no_serious_accessibility_problems(string path, string screenshot)
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await session.Page.GotoAsync(path);
        await SelfReferralForm.SendAsync(session.Page);
        await Expect(session.Page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();

        await session.ScreenshotAsync(screenshot);
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, $"{path} showing errors");
        session.AssertNoBrowserProblems();
    }

    [Theory]
    [InlineData("No", "confirmation-desktop")]
    [InlineData("Yes", "confirmation-safety-desktop")]
    public async Task The_confirmation_page_has_no_serious_accessibility_problems(string domesticAbuseAnswer, string screenshot)
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await session.Page.GotoAsync("/refer");
        await SelfReferralForm.FillForACoupleAsync(session.Page, domesticAbuseAnswer);
        await SelfReferralForm.SendAsync(session.Page);
        await Expect(session.Page).ToHaveURLAsync(new Regex("/refer/confirmation$", RegexOptions.IgnoreCase));

        await session.ScreenshotAsync(screenshot);
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the confirmation page");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task The_professional_referral_form_has_no_serious_accessibility_problems()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await session.Page.GotoAsync("/refer/professional");

        await session.ScreenshotAsync("refer-professional-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(session.Page, "the professional referral form");
        session.AssertNoBrowserProblems();
    }
}
