using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Cases.Caseload;
using RelationshipSupport.Application.Cases.Ending;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>Overdue questionnaires on the caseload, and the end-of-sessions questionnaires on the ending page.</summary>
public sealed class OverdueQuestionnairesTests(TestApp app) : IClassFixture<TestApp>
{
    private int DueInDays => app.Services.GetRequiredService<IOptions<QuestionnaireOptions>>().Value.DueInDays;

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForm.ParseAsync(response);
    }

    [Fact]
    public async Task Questionnaires_past_their_due_date_appear_on_the_therapists_caseload_and_cancelled_or_completed_ones_do_not()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var quiet = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.RequestAsync(app, reference, therapist, sendLinks: false);

        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var before = await GetPageAsync(client, "/cases");
        Assert.Equal("No questionnaires are overdue.", before.QuerySelector("[data-testid=overdue-summary]")!.TextContent.Trim());
        Assert.Null(before.QuerySelector("[data-testid=overdue-questionnaires]"));

        // Due in DueInDays: on the day itself not yet overdue, a minute later it is.
        app.Clock.Advance(TimeSpan.FromDays(DueInDays));
        Assert.Equal(0, (await app.SendAsync(new GetCaseload.Query(), therapist, [Roles.Therapist])).MyCases!.Single(r => r.Reference == reference).OverdueQuestionnaires);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        client = await TriageData.SignInAsync(app, therapist.Email!);
        var page = await GetPageAsync(client, "/cases");
        OutcomeData.AssertWellFormed(page);
        var link = page.QuerySelector($"[data-testid=my-cases] tr[data-reference='{reference}'] [data-testid=overdue-questionnaires]")!;
        Assert.Equal($"/cases/{reference}/outcomes", link.GetAttribute("href"));
        Assert.StartsWith("2 questionnaires overdue", link.TextContent.Trim());
        Assert.Null(page.QuerySelector($"[data-testid=my-cases] tr[data-reference='{quiet}'] [data-testid=overdue-questionnaires]"));
        var summary = page.QuerySelector("[data-testid=overdue-summary]")!;
        Assert.Contains("2 questionnaires are overdue", summary.TextContent);
        Assert.NotNull(summary.QuerySelector($"li[data-reference='{reference}'] a[href='/cases/{reference}/outcomes']"));

        // The supervisor sees the count on the case's row too.
        var supervised = await GetPageAsync(await TriageData.SignInAsync(app, supervisor.Email!), "/cases");
        Assert.StartsWith("2 questionnaires overdue", supervised.QuerySelector($"[data-testid=supervised-cases] tr[data-reference='{reference}'] [data-testid=overdue-questionnaires]")!.TextContent.Trim());

        // One cancelled and the other completed on paper: nothing overdue.
        var requests = await OutcomeData.RequestsAsync(app, reference);
        await app.SendAsync(new CancelQuestionnaire.Command { Reference = reference, RequestId = requests[0].Id, ConcurrencyStamp = requests[0].ConcurrencyStamp }, therapist, [Roles.Therapist]);
        var caseload = await app.SendAsync(new GetCaseload.Query(), therapist, [Roles.Therapist]);
        Assert.Equal(1, caseload.MyCases!.Single(r => r.Reference == reference).OverdueQuestionnaires);
        Assert.Equal(1, caseload.MyOverdueQuestionnaires!.Total);
        await OutcomeData.EnterAsync(app, reference, therapist, requests[1].Id, await OutcomeData.AnswersAsync(app, requests[1].Id, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]));
        caseload = await app.SendAsync(new GetCaseload.Query(), therapist, [Roles.Therapist]);
        Assert.Equal(0, caseload.MyCases!.Single(r => r.Reference == reference).OverdueQuestionnaires);
        Assert.Empty(caseload.MyOverdueQuestionnaires!.Cases);
    }

    [Fact]
    public async Task End_of_sessions_questionnaires_still_out_after_the_ending_stay_on_the_therapists_summary_and_show_on_the_ending_page()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var client = await TriageData.SignInAsync(app, therapist.Email!);

        var ending = await GetPageAsync(client, $"/cases/{reference}/ending");
        var states = ending.QuerySelectorAll("[data-testid=end-questionnaire-state]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Not asked for", "Not asked for"], states);
        Assert.Equal($"/cases/{reference}/outcomes", ending.QuerySelector("[data-testid=end-questionnaires-link]")!.GetAttribute("href"));
        Assert.DoesNotContain("will come with the outcome measures", ending.Body!.TextContent);

        await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.End, sendLinks: false);
        var requests = await OutcomeData.RequestsAsync(app, reference);
        await OutcomeData.EnterAsync(app, reference, therapist, requests[0].Id, await OutcomeData.AnswersAsync(app, requests[0].Id, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]));
        await CaseData.WithCaseAsync(app, reference, (referral, now) => referral.EndCase(EndingKind.Planned, EndingReason.Completed, null, [], new Actor(therapist.Id, therapist.DisplayName), now));

        app.Clock.Advance(TimeSpan.FromDays(DueInDays + 1));
        client = await TriageData.SignInAsync(app, therapist.Email!);
        ending = await GetPageAsync(client, $"/cases/{reference}/ending");
        OutcomeData.AssertWellFormed(ending);
        states = ending.QuerySelectorAll("[data-testid=end-questionnaire-state]").Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.StartsWith("Completed", states[0]);
        Assert.Contains("entered by the therapist", states[0]);
        Assert.StartsWith("Asked for Overdue", states[1]);

        // The ended case is off the caseload's rows, but its overdue questionnaire is in the summary.
        var caseload = await GetPageAsync(client, "/cases");
        Assert.Null(caseload.QuerySelector($"[data-testid=my-cases] tr[data-reference='{reference}']"));
        var item = caseload.QuerySelector($"[data-testid=overdue-summary] li[data-reference='{reference}']")!;
        Assert.Contains("1 questionnaire", item.TextContent);
        Assert.Contains("(the case has ended)", item.TextContent);

        // The managers see the state on the ending page, without a link to the scores.
        var manager = await app.SignedInClientAsync(Roles.Manager);
        var managerView = await GetPageAsync(manager, $"/cases/{reference}/ending");
        Assert.Equal(2, managerView.QuerySelectorAll("[data-testid=end-questionnaire-state]").Length);
        Assert.Null(managerView.QuerySelector("[data-testid=end-questionnaires-link]"));
        var details = await app.SendAsync(new GetEnding.Query(reference), therapist, [Roles.Therapist]);
        Assert.Equal([QuestionnaireStatus.Completed, QuestionnaireStatus.Pending], details.EndQuestionnaires!.Select(q => q.Status!.Value));
    }

    [Fact]
    public async Task Ending_a_case_cancels_its_unanswered_intake_questionnaires_and_keeps_the_end_ones()
    {
        var therapist = await CaseData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.Intake, sendLinks: false);
        await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.End, sendLinks: false);
        var stamp = await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ConcurrencyStamp).SingleAsync());

        await app.SendAsync(new EndCase.Command
        {
            Reference = reference, ConcurrencyStamp = stamp, Kind = EndingKind.Planned, Reason = EndingReason.Completed,
        }, therapist, [Roles.Therapist]);

        var statuses = (await OutcomeData.RequestsAsync(app, reference)).Select(r => (r.Timepoint, r.Status)).Distinct().Order().ToList();
        Assert.Equal([(Timepoint.Intake, QuestionnaireStatus.Cancelled), (Timepoint.End, QuestionnaireStatus.Pending)], statuses);
    }
}
