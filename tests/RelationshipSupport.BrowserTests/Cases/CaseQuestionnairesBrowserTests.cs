using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.BrowserTests.Support;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RelationshipSupport.BrowserTests.Cases;

/// <summary>
/// The clinician's side of questionnaires in a real browser: the case's questionnaires tab, asking for intake
/// questionnaires on paper, entering a client's answers, the scores with their chart (desktop and phone), overdue
/// questionnaires on the caseload. axe-core checks each page; screenshots are saved for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseQuestionnairesBrowserTests(BrowserFixture browser)
{
    private static readonly Actor Coordinator = new("browser-test", "Browser test coordinator");

    [Fact]
    public async Task A_therapist_asks_for_questionnaires_enters_paper_answers_and_reads_the_scores_over_time()
    {
        await using var session = await browser.NewSessionAsync(BrowserFixture.Desktop);
        var therapist = await browser.SignInAsync(session, Roles.Therapist);
        var reference = await AllocatedCaseAsync(TestReferrals.UniqueName("Scores"), therapist);
        var page = session.Page;

        await page.GotoAsync($"/cases/{reference}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Case sections" }).GetByRole(AriaRole.Link, new() { Name = "Questionnaires" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Questionnaires");
        await session.ScreenshotAsync("case-questionnaires-empty-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the questionnaires tab before any are asked for");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Intake" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "I will give them on paper or in the session" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for questionnaires" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Questionnaires asked for: 2 clients.");

        // Alex's answers from paper: every item a radio group; item 10 left blank.
        await page.GetByTestId("request").First.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Enter answers") }).ClickAsync();
        await Expect(page.GetByTestId("on-behalf")).ToContainTextAsync("Entered on the client's behalf (paper or in session)");
        var groups = page.Locator("form[data-testid=enter-answers] fieldset");
        var count = await groups.CountAsync();
        Assert.Equal(18, count);
        // Submitting with nothing chosen lists every item and links to it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and score the answers" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await session.ScreenshotAsync("enter-answers-errors-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the answer form with errors");
        groups = page.Locator("form[data-testid=enter-answers] fieldset");
        int[] core10 = [3, 1, 2, 3, 2, 0, 3, 2, 3, -1];
        for (var i = 0; i < count; i++)
        {
            var radios = groups.Nth(i).GetByRole(AriaRole.Radio);
            var choice = i < 10 ? core10[i] : 0;
            await (choice < 0 ? radios.Last : radios.Nth(choice)).CheckAsync();
        }
        await session.ScreenshotAsync("enter-answers-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and score the answers" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToContainTextAsync("answers were entered and scored");

        // Six weeks later (dated back here): the end of the sessions, for both clients.
        await EnterAsync(reference, therapist, Timepoint.Intake, PersonRole.Partner, [3, 3, 2, 2, 2, 0, 3, 2, 3, 2]);
        await MoveBackAsync(reference, TimeSpan.FromDays(42));
        await TestHost.SendAsync(browser.App.Services, new RequestQuestionnaires.Command { Reference = reference, Timepoint = Timepoint.End, SendLinks = false }, therapist, [Roles.Therapist]);
        await EnterAsync(reference, therapist, Timepoint.End, PersonRole.Primary, [1, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
        await EnterAsync(reference, therapist, Timepoint.End, PersonRole.Partner, [1, 3, 3, 1, 1, 0, 1, 1, 1, 1]);

        await page.GotoAsync($"/cases/{reference}/outcomes");
        var chart = page.Locator("[data-testid=chart][data-chart='CORE-10/total']");
        await Expect(chart.Locator("svg[role=img]")).ToBeVisibleAsync();
        await Expect(chart.Locator("[data-testid=reliable-improvement]")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("case-questionnaires-scores-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the questionnaires tab with scores");

        await using var phone = await browser.NewSessionAsync(BrowserFixture.Phone);
        // The same therapist on a phone.
        await phone.Page.GotoAsync("/account/login");
        await phone.Page.GetByLabel("Email address").FillAsync(therapist.Email!);
        await phone.Page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await phone.Page.GotoAsync($"/cases/{reference}/outcomes");
        await Expect(phone.Page.Locator("[data-testid=chart]").First).ToBeVisibleAsync();
        await phone.ScreenshotAsync("case-questionnaires-scores-phone");
        // Parts of the long page as the phone shows them, for a person to look at.
        foreach (var (selector, name) in new[] { ("[data-testid=requests]", "requests"), ("[data-testid=first-latest]", "first-latest"), ("[data-testid=chart]", "chart") })
        {
            await phone.Page.Locator(selector).First.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
            await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"case-questionnaires-{name}-phone.png") });
        }
        await Accessibility.AssertNoSeriousViolationsAsync(phone.Page, "the questionnaires tab on a phone");
        var overflow = await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The questionnaires tab scrolls sideways on a phone");

        // Overdue questionnaires on the caseload: another case's intake questionnaires, asked for on paper and past their due date.
        var other = await AllocatedCaseAsync(TestReferrals.UniqueName("Overdue"), therapist);
        await TestHost.SendAsync(browser.App.Services, new RequestQuestionnaires.Command { Reference = other, Timepoint = Timepoint.Intake, SendLinks = false }, therapist, [Roles.Therapist]);
        await WithDbAsync(async db =>
        {
            var open = await db.QuestionnaireRequests.Where(q => db.Referrals.Any(r => r.Id == q.ReferralId && r.Reference == other)).ToListAsync();
            foreach (var q in open) q.DueAtUtc = DateTime.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        await page.GotoAsync("/cases");
        await Expect(page.GetByTestId("overdue-summary")).ToContainTextAsync("2 questionnaires are overdue");
        await Expect(page.Locator($"tr[data-reference='{other}']").GetByTestId("overdue-questionnaires")).ToContainTextAsync("2 questionnaires overdue");
        await session.ScreenshotAsync("caseload-overdue-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the caseload with overdue questionnaires");
        await page.GotoAsync($"/cases/{reference}/ending");
        await Expect(page.GetByTestId("end-questionnaires")).ToBeVisibleAsync();
        await session.ScreenshotAsync("ending-questionnaires-desktop");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the ending page with end-of-sessions questionnaires");

        session.AssertNoBrowserProblems();
    }

    private async Task EnterAsync(string reference, StaffUser therapist, Timepoint timepoint, PersonRole role, int[] core10Raw)
    {
        var request = await WithDbAsync(db => db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Instrument)
            .SingleAsync(q => q.Timepoint == timepoint && q.Status == QuestionnaireStatus.Pending
                && db.ReferralPeople.Any(p => p.Id == q.PersonId && p.Role == role && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference))));
        var answers = new Dictionary<string, string?>();
        foreach (var response in request.Responses)
        {
            foreach (var item in response.Definition.Items)
            {
                answers[EnterAnswers.Key(response.InstrumentCode, item.Number)] = response.InstrumentCode switch
                {
                    BuiltInInstruments.Core10 => core10Raw[item.Number - 1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    BuiltInInstruments.Csi4 => timepoint == Timepoint.End ? "4" : "2",
                    BuiltInInstruments.NetPromoter => "9",
                    _ => "0",
                };
            }
        }
        await TestHost.SendAsync(browser.App.Services, new EnterAnswers.Command
        {
            Reference = reference, RequestId = request.Id, ConcurrencyStamp = request.ConcurrencyStamp, Answers = answers,
            FeedbackComment = timepoint == Timepoint.End && role == PersonRole.Primary ? "The evening sessions made it possible for us to come." : null,
            MayQuoteFeedback = true,
        }, therapist, [Roles.Therapist]);
    }

    /// <summary>Dates the case's completed questionnaires back, as if they had been completed earlier.</summary>
    private Task<int> MoveBackAsync(string reference, TimeSpan by) => WithDbAsync(async db =>
    {
        var done = await db.QuestionnaireRequests
            .Where(q => q.Status == QuestionnaireStatus.Completed && db.Referrals.Any(r => r.Id == q.ReferralId && r.Reference == reference))
            .ToListAsync();
        foreach (var q in done)
        {
            q.CompletedAtUtc -= by;
            q.CreatedAtUtc -= by;
            q.DueAtUtc -= by;
        }
        return await db.SaveChangesAsync();
    });

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

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = browser.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
