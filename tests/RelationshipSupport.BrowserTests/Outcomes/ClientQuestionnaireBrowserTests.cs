using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.BrowserTests.Support;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Outcomes;

/// <summary>
/// A client on a phone follows the private link from their email and fills in the intake questionnaires (CORE-10, the
/// CORE-OM risk items, CSI-4) through the real pages, one per step: tapping answers, going back, leaving a question
/// out and returning to it from the check step, and submitting. axe-core checks every step; screenshots are saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ClientQuestionnaireBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Coordinator = new("browser-test", "Browser test coordinator");

    [Fact]
    public async Task A_client_completes_their_intake_questionnaires_on_a_phone()
    {
        var therapist = await browser.App.CreateUserAsync(Roles.Therapist);
        var reference = await CaseWithLinksAsync(therapist);
        var token = await TokenSentToAsync(reference, PersonRole.Primary);
        await using var session = await browser.NewSessionAsync(BrowserFixture.Phone);
        var page = session.Page;

        // Step 1: CORE-10, opened from the link.
        await page.GotoAsync($"/q/{token}");
        await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(token)}/1$"));
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("Step 1 of 4");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("CORE-10");
        await Expect(page.GetByTestId("welcome")).ToContainTextAsync("Hello Alex.");
        await Expect(page.GetByTestId("copyright")).ToHaveTextAsync("© CORE System Trust");
        await AssertFitsThePhoneAsync(page);
        await session.ScreenshotAsync("client-questionnaire-step1-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "step 1 (CORE-10) of a client's questionnaires");
        // Answers 2,1,1,0,0,0,3,2,2,1: total 2 + (4−1) + (4−1) + 0 + 0 + 0 + 3 + 2 + 2 + 1 = 16 with items 2 and 3 reversed.
        string[] core10 = ["Sometimes", "Only occasionally", "Only occasionally", "Not at all", "Not at all", "Not at all", "Often", "Sometimes", "Sometimes", "Only occasionally"];
        await AnswerAsync(page, "I have felt tense, anxious or nervous", core10[0]);
        for (var i = 1; i < core10.Length; i++)
        {
            await Item(page, i + 1).GetByRole(AriaRole.Radio, new() { Name = core10[i], Exact = true }).TapAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // Step 2: the risk items, all "Not at all"; then back to step 1, where the answers are kept.
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("Step 2 of 4");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "step 2 (CORE-OM risk items)");
        for (var i = 1; i <= 4; i++)
        {
            await Item(page, i).GetByRole(AriaRole.Radio, new() { Name = "Not at all", Exact = true }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("Step 1 of 4");
        await Expect(Item(page, 7).GetByRole(AriaRole.Radio, new() { Name = "Often", Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(Item(page, 4).GetByRole(AriaRole.Radio, new() { Name = "Not at all", Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // Step 3: CSI-4, with the last question left out for now.
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("Step 3 of 4");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("CSI-4");
        await session.ScreenshotAsync("client-questionnaire-step3-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "step 3 (CSI-4)");
        await Item(page, 1).GetByRole(AriaRole.Radio, new() { Name = "Happy", Exact = true }).CheckAsync();
        await Item(page, 2).GetByRole(AriaRole.Radio, new() { Name = "Mostly true", Exact = true }).CheckAsync();
        await Item(page, 3).GetByRole(AriaRole.Radio, new() { Name = "Somewhat", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // Check and submit: the unanswered question is listed, with a link back to it.
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("Step 4 of 4");
        await Expect(page.GetByTestId("unanswered-step")).ToContainTextAsync("You have not answered 1 question in Couples Satisfaction Index (CSI-4)");
        await AssertFitsThePhoneAsync(page);
        await session.ScreenshotAsync("client-questionnaire-check-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the check-and-submit step with a question unanswered");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Question 4:") }).ClickAsync();
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("Step 3 of 4");
        await Expect(Item(page, 2).GetByRole(AriaRole.Radio, new() { Name = "Mostly true", Exact = true })).ToBeCheckedAsync();
        await Item(page, 4).GetByRole(AriaRole.Radio, new() { Name = "Mostly", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(page.GetByTestId("all-answered")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the check-and-submit step, all answered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();

        // The thank-you, with help to hand.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you, Alex");
        await Expect(page.GetByTestId("help-now")).ToContainTextAsync("Samaritans");
        await Expect(page.GetByTestId("risk-message")).ToHaveCountAsync(0);
        await AssertFitsThePhoneAsync(page);
        await session.ScreenshotAsync("client-questionnaire-thank-you-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the thank-you page");
        session.AssertNoBrowserProblems();

        var request = await WithDbAsync(db => db.QuestionnaireRequests.Include(q => q.Responses).ThenInclude(r => r.Scores)
            .SingleAsync(q => q.TokenHash == QuestionnaireRequest.HashToken(token)));
        Assert.Equal((QuestionnaireStatus.Completed, CompletionMode.Online), (request.Status, request.Mode!.Value));
        Assert.Equal(16.0, request.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10).Scores.Single().Value);
        Assert.Equal(11.0, request.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Csi4).Scores.Single().Value);

        // Opening the link again: a thank-you, not a form; a wrong link: a clear page (404), also accessible.
        await using var later = await browser.NewSessionAsync(BrowserFixture.Phone);
        await later.Page.GotoAsync($"/q/{token}");
        await Expect(later.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("These questionnaires have already been submitted");
        await Accessibility.AssertNoSeriousViolationsAsync(later.Page, "the already-submitted page");
        var wrong = await later.Page.GotoAsync($"/q/{token[..^2]}xy");
        Assert.Equal(404, wrong!.Status);
        await Expect(later.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link is not valid");
        await later.ScreenshotAsync("client-questionnaire-not-valid-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(later.Page, "the page for a link that is not valid");

        // The partner answers only "I made plans to end my life" (skipping everything else) and submits: the crisis
        // contacts come first, and they are told that their therapist and the supervisor know.
        var partnerToken = await TokenSentToAsync(reference, PersonRole.Partner);
        await using var partner = await browser.NewSessionAsync(BrowserFixture.Phone);
        var pp = partner.Page;
        await pp.GotoAsync($"/q/{partnerToken}");
        await Expect(pp.GetByTestId("welcome")).ToContainTextAsync("Hello Jordan.");
        await AnswerAsync(pp, "I made plans to end my life", "Only occasionally");
        for (var step = 1; step <= 3; step++)
        {
            await pp.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        }
        await Expect(pp.GetByTestId("unanswered-step")).ToHaveCountAsync(3);
        await pp.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await Expect(pp.GetByTestId("risk-message")).ToContainTextAsync("Your therapist and their supervisor have been told");
        await Expect(pp.GetByTestId("help-now")).ToContainTextAsync("116 123");
        await AssertFitsThePhoneAsync(pp);
        await partner.ScreenshotAsync("client-questionnaire-thank-you-risk-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(pp, "the thank-you page after a risk answer");
        partner.AssertNoBrowserProblems();
        Assert.Equal(1, await WithDbAsync(db => db.RiskAlerts.CountAsync(a => a.Source == Domain.Cases.RiskAlertSource.Questionnaire
            && db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference))));
    }

    private static ILocator Item(IPage page, int number) => page.Locator($"[data-testid=item][data-item='{number}']");

    /// <summary>Answers a question found by its wording (the fieldset's legend), as a screen reader user would.</summary>
    private static Task AnswerAsync(IPage page, string question, string answer) =>
        page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex(Regex.Escape(question)) })
            .GetByRole(AriaRole.Radio, new() { Name = answer, Exact = true }).TapAsync();

    /// <summary>Nothing wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the phone's screen.");
    }

    /// <summary>
    /// A couple's case on the staff programme, screened and allocated to <paramref name="therapist"/> through the domain;
    /// both clients prefer email; the therapist asks for the intake questionnaires through the real command (which
    /// emails each client their link).
    /// </summary>
    private async Task<string> CaseWithLinksAsync(StaffUser therapist)
    {
        var reference = (await TestHost.SendAsync(browser.App.Services, TestReferrals.Couple(TestReferrals.UniqueName("Qclient")))).Reference;
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
            foreach (var person in referral.People)
            {
                person.PreferredContact = PreferredContact.Email;
                person.Email = EmailOf(reference, person.Role);
            }
            return await db.SaveChangesAsync();
        });
        var asked = await TestHost.SendAsync(browser.App.Services,
            new RequestQuestionnaires.Command { Reference = reference, Timepoint = Timepoint.Intake }, therapist, [Roles.Therapist]);
        Assert.Equal(2, asked.LinksSent);
        return reference;
    }

    private static string EmailOf(string reference, PersonRole role) => $"{role.ToString().ToLowerInvariant()}.{reference.ToLowerInvariant()}@example.com";

    /// <summary>The token in the link emailed to the client, read from the outbox as the client would read the email.</summary>
    private Task<string> TokenSentToAsync(string reference, PersonRole role) => WithDbAsync(async db =>
    {
        var to = EmailOf(reference, role);
        var body = await db.OutboxMessages.Where(m => m.Kind == QuestionnaireEmails.Kind && m.ToAddress == to)
            .OrderByDescending(m => m.Id).Select(m => m.BodyText).FirstAsync();
        return LinkPattern().Match(body).Groups[1].Value;
    });

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = browser.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [GeneratedRegex(@"/q/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();
}
