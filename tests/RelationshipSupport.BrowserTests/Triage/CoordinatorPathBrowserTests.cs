using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Triage;

/// <summary>
/// The coordinator's main path in a real browser, through the links a coordinator follows: the queue, the
/// referral, start screening, the criteria checklist, the waiting list, allocation to a therapist with free
/// places. axe-core checks every page on the way; full-page screenshots are saved for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorPathBrowserTests(BrowserFixture browser)
{
    private static int _therapists = 900;

    [Fact]
    public async Task A_coordinator_screens_a_referral_onto_the_waiting_list_and_allocates_it_to_a_therapist()
    {
        var surname = TestReferrals.UniqueName("Pathtest");
        var reference = (await TestHost.SendAsync(browser.App.Services, TestReferrals.Couple(surname))).Reference;
        var therapist = await CreateTherapistAsync();
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        await browser.SignInAsync(session, Roles.Coordinator);
        var page = session.Page;

        // The queue, searched by surname: the new referral, opened from its reference.
        await page.GotoAsync("/triage");
        await page.GetByLabel("Reference or name").FillAsync(surname);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.GetByTestId("queue").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Received");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a new referral with its next steps");

        // Start screening, confirmed on its own page.
        await page.GetByTestId("next-steps").GetByRole(AriaRole.Link, new() { Name = "Start screening" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Start screening");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the start-screening page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start screening" }).ClickAsync();

        // The checklist: every inclusion criterion met, no exclusion criterion applies; accept.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Screening");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Screening");
        await session.ScreenshotAsync("screening-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the screening checklist");
        var met = page.GetByRole(AriaRole.Radio, new() { Name = "Met", Exact = true });
        for (var i = 0; i < await met.CountAsync(); i++) await met.Nth(i).CheckAsync();
        var doesNotApply = page.GetByRole(AriaRole.Radio, new() { Name = "Does not apply", Exact = true });
        for (var i = 0; i < await doesNotApply.CountAsync(); i++) await doesNotApply.Nth(i).CheckAsync();
        Assert.True(await met.CountAsync() >= 3 && await doesNotApply.CountAsync() >= 3, "The staff programme's criteria are on the checklist.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Accept", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save screening" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/triage/referral/{reference}$"));
        await Expect(page.GetByTestId("success")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Waiting for assessment");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Screening → Waiting for assessment");

        // The waiting list, from the menu: the referral is there, waiting 0 days.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Waiting list" }).ClickAsync();
        await page.GetByLabel("Reference or name").FillAsync(surname);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var row = page.GetByTestId("waiting-list").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("days")).ToHaveTextAsync("0");
        await session.ScreenshotAsync("waiting-list-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the waiting list");

        // Allocation: the therapist with free places and evening availability is offered; allocate.
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByTestId("next-steps").GetByRole(AriaRole.Link, new() { Name = "Allocate to a therapist" }).ClickAsync();
        var choice = page.GetByRole(AriaRole.Radio, new() { Name = therapist.DisplayName });
        await Expect(choice).ToBeVisibleAsync();
        await session.ScreenshotAsync("allocate-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the allocation page");
        await choice.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/triage/referral/{reference}$"));
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Allocated");
        await Expect(page.GetByTestId("therapists")).ToContainTextAsync(therapist.DisplayName);
        await session.ScreenshotAsync("allocated-referral-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "an allocated referral with its history");
        session.AssertNoBrowserProblems();

        var stored = await WithDbAsync(db => db.Referrals.Include(r => r.Allocations).SingleAsync(r => r.Reference == reference));
        Assert.Equal(ReferralStatus.Allocated, stored.Status);
        Assert.Equal(therapist.Id, Assert.Single(stored.Allocations).TherapistUserId);
    }

    /// <summary>A therapist with free places who works evenings (the referral asks for evenings).</summary>
    private async Task<StaffUser> CreateTherapistAsync()
    {
        var therapist = await TestHost.CreateStaffUserAsync(browser.App.Services, Interlocked.Increment(ref _therapists), Roles.Therapist);
        await WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == therapist.Id);
            user.CaseCapacity = 5;
            user.Availability = Availability.WeekdayEvenings;
            user.Organisation = "Relationship Support";
            return await db.SaveChangesAsync();
        });
        return therapist;
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = browser.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
