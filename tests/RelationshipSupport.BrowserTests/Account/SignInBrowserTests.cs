using Microsoft.Playwright;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Account;

/// <summary>Staff sign in through <c>/account/login</c>; the signed-in header is checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_coordinator_signs_in_and_sees_their_name_and_menu_with_no_serious_accessibility_problems()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);

        var user = await browser.SignInAsync(session, Roles.Coordinator);

        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Account" })).ToContainTextAsync(user.DisplayName);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Triage" }))
            .ToBeVisibleAsync();
        await session.ScreenshotAsync("home-signed-in-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the home page, signed in as a coordinator");
        session.AssertNoBrowserProblems();
    }
}
