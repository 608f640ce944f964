using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.BrowserTests.Support;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Cases;

/// <summary>
/// A therapist's path in a real browser, through the links they follow: the caseload, the case, the joint assessment
/// (submitted), the supervisor's sign-off in a second browser, the offer of therapy, scheduling a session, recording
/// attendance of a session held yesterday and writing a note about it, and ending the case with signposting. axe-core
/// checks every page on the way; screenshots are saved for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TherapistPathBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Coordinator = new("browser-test", "Browser test coordinator");

    [Fact]
    public async Task A_therapist_assesses_gets_sign_off_schedules_records_a_session_and_ends_the_case()
    {
        await using var supervisorSession = await browser.NewSessionAsync(BrowserFixture.Desktop);
        var supervisor = await browser.SignInAsync(supervisorSession, Roles.Supervisor);
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        var therapist = await browser.SignInAsync(session, Roles.Therapist);
        await WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == therapist.Id)).SupervisorUserId = supervisor.Id;
            return await db.SaveChangesAsync();
        });
        var surname = TestReferrals.UniqueName("Casepath");
        var reference = await AllocatedCaseAsync(surname, therapist);
        var page = session.Page;

        // The caseload, from the menu: the new case; opened from its reference.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Caseload" }).ClickAsync();
        await session.ScreenshotAsync("therapist-caseload-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the therapist's caseload");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Allocated");
        await session.ScreenshotAsync("case-overview-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a newly allocated case");

        // The joint assessment (the staff programme assesses a couple together): started, filled in, submitted.
        await page.GetByTestId("assessments").GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("assessment");
        var today = DateOnly.FromDateTime(UkTime.ToLocal(DateTime.UtcNow));
        await page.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Radio, new() { Name = "Video", Exact = true }).CheckAsync();
        await page.GetByLabel("Presenting issue").FillAsync("Arguments since a change of shifts.");
        await page.GetByLabel("Relationship history in brief").FillAsync("Together eight years.");
        var none = page.GetByRole(AriaRole.Radio, new() { Name = "None identified", Exact = true });
        Assert.Equal(6, await none.CountAsync());
        for (var i = 0; i < 6; i++) await none.Nth(i).CheckAsync();
        await page.GetByLabel("Expectations agreed").FillAsync("Weekly evening sessions, both attend.");
        await page.GetByLabel("Goals", new() { Exact = true }).FillAsync("Argue less; decide together.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Offer therapy", Exact = true }).CheckAsync();
        await session.ScreenshotAsync("assessment-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the assessment form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for sign-off" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToBeVisibleAsync();

        // The supervisor signs it off from their caseload.
        var sp = supervisorSession.Page;
        await sp.GotoAsync("/cases");
        await Expect(sp.GetByTestId("sign-off")).ToContainTextAsync(reference);
        await supervisorSession.ScreenshotAsync("supervisor-caseload-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(sp, "the supervisor's caseload");
        await sp.GetByTestId("sign-off").GetByRole(AriaRole.Link, new() { NameRegex = new Regex(reference) }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(sp, "the sign-off page");
        await sp.GetByRole(AriaRole.Button, new() { Name = "Sign off" }).ClickAsync();
        await Expect(sp.GetByTestId("success")).ToBeVisibleAsync();
        supervisorSession.AssertNoBrowserProblems();

        // Back with the therapist: therapy offered.
        await page.GotoAsync($"/cases/{reference}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Offer therapy" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("In therapy");

        // A session scheduled for tomorrow evening.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Case sections" }).GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();
        await page.GetByTestId("schedule").ClickAsync();
        var tomorrow = today.AddDays(1);
        await page.GetByLabel("Day").FillAsync(tomorrow.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(tomorrow.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(tomorrow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Start time").FillAsync("18:30");
        await page.GetByLabel("Length in minutes").FillAsync("50");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Video", Exact = true }).CheckAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the schedule-a-session form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the session" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("session-row")).ToHaveCountAsync(1);

        // A session held yesterday (entered earlier, as if scheduled last week): attendance recorded.
        await AddSessionHeldYesterdayAsync(reference, therapist);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("session-row")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("sessions-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the sessions tab");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Record attendance for") }).First.ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Attended", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Both partners", Exact = false }).First.CheckAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the attendance form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("attendance").First).ToContainTextAsync("Attended");

        // A note about that session, on the notes tab.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Case sections" }).GetByRole(AriaRole.Link, new() { Name = "Notes" }).ClickAsync();
        await page.GetByLabel("Which session is it about?").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Practised listening without interrupting; homework agreed.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the notes tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Expect(page.GetByTestId("note-text")).ToHaveTextAsync("Practised listening without interrupting; homework agreed.");
        await Expect(page.GetByTestId("note-state")).ToContainTextAsync("Editable until");
        await session.ScreenshotAsync("notes-desktop");

        // The ending: planned, completed, with a service to point them to.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Case sections" }).GetByRole(AriaRole.Link, new() { Name = "End the case" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Planned", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Completed", Exact = true }).CheckAsync();
        var services = page.Locator("input[name='Input.SignpostingIds']");
        Assert.True(await services.CountAsync() > 0, "The signposting directory is offered at the ending.");
        await services.First.CheckAsync();
        await session.ScreenshotAsync("ending-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the ending form");
        await page.GetByRole(AriaRole.Button, new() { Name = "End the case" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Ended");
        await Expect(page.GetByTestId("ending-reason")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "an ended case");

        var stored = await WithDbAsync(db => db.Referrals.Include(r => r.Allocations).Include(r => r.Signposting).Include(r => r.Notes)
            .Include(r => r.Sessions).AsSplitQuery().SingleAsync(r => r.Reference == reference));
        Assert.Equal(ReferralStatus.Ended, stored.Status);
        Assert.Equal((EndingKind.Planned, EndingReason.Completed), (stored.EndingKind!.Value, stored.EndingReason!.Value));
        Assert.All(stored.Allocations, a => Assert.NotNull(a.EndedAtUtc));
        Assert.Single(stored.Signposting, s => s.Stage == SignpostingStage.Ending);
        Assert.Equal(stored.Sessions.Single(s => s.Attendance == AttendanceOutcome.Attended).Id, Assert.Single(stored.Notes).SessionId);

        session.AssertNoBrowserProblems();
    }

    /// <summary>A couple's referral on the staff programme, screened and allocated to <paramref name="therapist"/> through the domain.</summary>
    private async Task<string> AllocatedCaseAsync(string surname, StaffUser therapist)
    {
        var reference = (await TestHost.SendAsync(browser.App.Services, TestReferrals.Couple(surname))).Reference;
        await WithDbAsync(async db =>
        {
            var referral = await db.Referrals.Include(r => r.Programme).ThenInclude(p => p!.Criteria).Include(r => r.People).Include(r => r.Allocations)
                .SingleAsync(r => r.Reference == reference);
            var now = DateTime.UtcNow;
            var programme = referral.Programme!;
            referral.StartScreening(Coordinator, now);
            referral.RecordScreening(programme, programme.Criteria.Where(c => c.IsActive).ToDictionary(c => c.Id, c => c.Kind == CriterionKind.Inclusion),
                ScreeningOutcome.Accept, null, null, Coordinator, now);
            referral.Allocate([therapist.Id], Coordinator, now);
            return await db.SaveChangesAsync();
        });
        return reference;
    }

    private async Task AddSessionHeldYesterdayAsync(string reference, StaffUser therapist)
    {
        await WithDbAsync(async db =>
        {
            var referral = await db.Referrals.Include(r => r.Programme).Include(r => r.People).Include(r => r.Allocations)
                .Include(r => r.Sessions).Include(r => r.SessionExtensions).AsSplitQuery().SingleAsync(r => r.Reference == reference);
            var now = DateTime.UtcNow;
            referral.ScheduleSession(referral.Programme!, now.AddDays(-1).AddHours(-2), 50, SessionMode.InPerson, "Wellbeing Hub, room 2",
                therapist.Id, null, SessionClients.Both, [], new Actor(therapist.Id, therapist.DisplayName), now.AddDays(-8));
            return await db.SaveChangesAsync();
        });
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = browser.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
