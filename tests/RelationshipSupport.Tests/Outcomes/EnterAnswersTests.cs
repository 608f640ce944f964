using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>Paper or in session: the therapist enters a client's answers on their behalf, scored as the manuals say.</summary>
public sealed class EnterAnswersTests(TestApp app) : IClassFixture<TestApp>
{
    private const string EnterForm = "form[data-testid=enter-answers]";

    private static string Core10(int item) => $"Input.Answers[CORE-10:{item}]";

    private async Task<(string Reference, StaffUser Therapist, StaffUser Supervisor, OutcomeData.RequestRow Request)> IntakeOnPaperAsync()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.RequestAsync(app, reference, therapist, sendLinks: false);
        var request = (await OutcomeData.RequestsAsync(app, reference)).First(r => r.Role == PersonRole.Primary);
        return (reference, therapist, supervisor, request);
    }

    /// <summary>Every field of the form: CORE-10 items from <paramref name="core10Raw"/> (as ticked on paper; null = left blank), the rest at "Not at all" or the lowest answer.</summary>
    private async Task<Dictionary<string, string?>> FormValuesAsync(int requestId, int?[] core10Raw)
    {
        var values = (await OutcomeData.AnswersAsync(app, requestId)).ToDictionary(kv => $"Input.Answers[{kv.Key}]", kv => kv.Value);
        for (var i = 0; i < 10; i++)
        {
            values[Core10(i + 1)] = core10Raw[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? EnterAnswers.NotAnswered;
        }
        return values;
    }

    [Fact]
    public async Task Paper_answers_are_stored_as_entered_by_the_therapist_and_one_missing_item_is_prorated_as_the_mean_times_ten()
    {
        var (reference, therapist, _, request) = await IntakeOnPaperAsync();
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var url = $"/cases/{reference}/outcomes/{request.Id}/enter";
        var form = await HtmlForm.GetAsync(client, url, EnterForm);
        Assert.Contains("Entered on the client's behalf (paper or in session)", form.Document.QuerySelector("[data-testid=on-behalf]")!.TextContent);
        OutcomeData.AssertWellFormed(form.Document);
        Assert.Equal(["CORE-10", "CORE-RISK", "CSI-4"], form.Document.QuerySelectorAll("[data-testid=instrument]").Select(i => i.GetAttribute("data-instrument")));
        // Each item is a fieldset of radios with the item as its legend, "Not answered" last.
        var first = form.Document.QuerySelector(EnterForm + " fieldset")!;
        Assert.Equal("1. I have felt tense, anxious or nervous", first.QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal(["Not at all", "Only occasionally", "Sometimes", "Often", "Most or all of the time", "Not answered"],
            first.QuerySelectorAll("label").Select(l => l.TextContent.Trim()));

        // Raw answers as ticked; items 2 and 3 are reversed (4 − answer). Item 10 left blank.
        // Scored: 3, 4-1=3, 4-2=2, 2, 1, 0, 2, 3, 1 → 17 over nine items; prorated 17 / 9 × 10.
        var values = await FormValuesAsync(request.Id, [3, 1, 2, 2, 1, 0, 2, 3, 1, null]);
        var response = await form.PostAsync(client, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{reference}/outcomes", response.Headers.Location!.OriginalString);

        var stored = await app.QueryDbAsync(db => db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Answers)
            .Include(q => q.Responses).ThenInclude(r => r.Scores)
            .SingleAsync(q => q.Id == request.Id));
        Assert.Equal(QuestionnaireStatus.Completed, stored.Status);
        Assert.Equal(CompletionMode.EnteredByTherapist, stored.Mode);
        Assert.Equal(therapist.Id, stored.EnteredByUserId);
        Assert.Equal(therapist.DisplayName, stored.EnteredByName);
        var core = stored.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10);
        Assert.Equal(9, core.Answers.Count);
        Assert.Equal(1, core.Answers.Single(a => a.ItemNumber == 2).Value);
        var total = Assert.Single(core.Scores);
        Assert.True(total.Prorated);
        Assert.Equal(17.0 / 9 * 10, total.Value!.Value, 9);
        Assert.Equal((9, 10), (total.ItemsAnswered, total.ItemsInScore));
        Assert.Equal("Moderate", total.Band);

        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/outcomes"));
        Assert.Contains("answers were entered and scored", page.QuerySelector("[data-testid=success]")!.TextContent);
        var row = page.QuerySelector($"[data-request-id='{request.Id}']")!;
        Assert.Equal($"{CaseDisplay(stored.CompletedAtUtc!.Value)}, Entered by the therapist ({therapist.DisplayName})", row.QuerySelector("[data-testid=completed]")!.TextContent.Trim());
        var score = row.QuerySelector("[data-testid=score][data-instrument='CORE-10']")!;
        Assert.Equal("18.9", score.QuerySelector("[data-testid=score-value]")!.TextContent.Trim());
        Assert.Contains("prorated", score.TextContent);
        Assert.Contains("clinical range", score.TextContent);

        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.QuestionnaireEntered && a.EntityId == reference));
        Assert.Equal($"request={request.Id}; timepoint=Intake; instruments=CORE-10,CORE-RISK,CSI-4; risk-flags=0", audit.Detail);
    }

    private static string CaseDisplay(DateTime utc) => RelationshipSupport.Web.Pages.Cases.CaseDisplay.Day(utc);

    [Fact]
    public async Task Two_missing_core10_items_give_no_score_and_the_page_says_why()
    {
        var (reference, therapist, _, request) = await IntakeOnPaperAsync();
        await OutcomeData.EnterAsync(app, reference, therapist, request.Id, await OutcomeData.AnswersAsync(app, request.Id, [3, 3, 2, 2, 1, 0, 2, 3, null, null]));

        var score = await app.QueryDbAsync(db => db.QuestionnaireScores.SingleAsync(s =>
            db.QuestionnaireResponses.Any(r => r.Id == s.ResponseId && r.RequestId == request.Id && r.InstrumentCode == BuiltInInstruments.Core10)));
        Assert.Null(score.Value);
        Assert.Equal((8, 10, false), (score.ItemsAnswered, score.ItemsInScore, score.Prorated));

        var outcomes = await app.SendAsync(new GetOutcomes.Query(reference), therapist, [Roles.Therapist]);
        var shown = outcomes.Clients[0].Requests.Single(r => r.Id == request.Id).Responses[0].Scores.Single();
        Assert.Equal(("not scored", "Not scored: 2 of 10 items unanswered"), (shown.Display, shown.NotScored));
        var page = await HtmlForm.ParseAsync(await (await TriageData.SignInAsync(app, therapist.Email!)).GetAsync($"/cases/{reference}/outcomes"));
        Assert.Equal("Not scored: 2 of 10 items unanswered",
            page.QuerySelector($"[data-request-id='{request.Id}'] [data-instrument='CORE-10'] [data-testid=not-scored]")!.TextContent.Trim());
        // Nothing to chart for CORE-10, and no comparison for it.
        Assert.DoesNotContain(outcomes.Charts.Single(c => c.Key == "CORE-10/total").Series.SelectMany(s => s.Points), p => p.Value is not null);
        Assert.DoesNotContain(outcomes.Clients[0].Comparisons, c => c.ChartKey == "CORE-10/total");
    }

    [Fact]
    public async Task A_risk_answer_entered_on_paper_raises_an_alert_for_the_supervisor_and_the_therapists()
    {
        var (reference, therapist, supervisor, request) = await IntakeOnPaperAsync();
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/outcomes/{request.Id}/enter", EnterForm);
        var values = await FormValuesAsync(request.Id, [1, 3, 3, 1, 0, 2, 1, 1, 1, 0]);
        var response = await form.PostAsync(client, values);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("A risk answer was given", page.QuerySelector("[data-testid=success]")!.TextContent);

        var alert = await app.QueryDbAsync(db => db.RiskAlerts.SingleAsync(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference)));
        Assert.Equal((RiskAlertSource.Questionnaire, request.Id, RiskArea.SelfHarmSuicide, RiskLevel.High), (alert.Source, alert.SourceId!.Value, alert.Area, alert.Level));
        Assert.Equal(therapist.Id, alert.RaisedByUserId);
        Assert.Contains("CORE-10 item 6", alert.Notes);
        var emailed = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Subject == "Risk alert on a case" && m.BodyText.Contains(reference)).Select(m => m.ToAddress).ToListAsync());
        Assert.Contains(supervisor.Email, emailed);
        Assert.Contains(therapist.Email, emailed);
        // The email and the audit trail carry no answers.
        Assert.False(await app.QueryDbAsync(db => db.OutboxMessages.AnyAsync(m => m.BodyText.Contains(reference) && m.BodyText.Contains("end my life"))));
        Assert.Contains("risk-flags=1", (await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.QuestionnaireEntered && a.EntityId == reference))).Detail);
    }

    [Fact]
    public async Task Posting_the_same_form_twice_stores_one_completion_and_says_so()
    {
        var (reference, therapist, _, request) = await IntakeOnPaperAsync();
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/outcomes/{request.Id}/enter", EnterForm);
        var values = await FormValuesAsync(request.Id, [1, 3, 3, 1, 0, 0, 1, 1, 1, 0]);

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, values)).StatusCode);
        var again = await form.PostAsync(client, values);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(again.Headers.Location!.OriginalString));
        Assert.Contains("Alex's questionnaires had already been completed: nothing was changed.", page.QuerySelector("[data-testid=success]")!.TextContent);

        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.QuestionnaireEntered && a.EntityId == reference)));
        Assert.Equal(3, await app.QueryDbAsync(db => db.QuestionnaireScores.CountAsync(s => db.QuestionnaireResponses.Any(r => r.Id == s.ResponseId && r.RequestId == request.Id))));
        // The completed request's page has no form any more.
        var done = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/outcomes/{request.Id}/enter"));
        Assert.Null(done.QuerySelector(EnterForm));
        Assert.NotNull(done.QuerySelector("[data-testid=cannot-enter]"));
    }

    [Fact]
    public async Task Unchosen_items_are_listed_in_the_error_summary_and_the_answers_given_are_kept()
    {
        var (reference, therapist, _, request) = await IntakeOnPaperAsync();
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/outcomes/{request.Id}/enter", EnterForm);
        // A new form has no answer chosen: posting only item 1 and 2 leaves the rest unchosen.
        var response = await form.PostAsync(client, new() { [Core10(1)] = "3", [Core10(2)] = EnterAnswers.NotAnswered });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        OutcomeData.AssertWellFormed(page);
        var errors = HtmlForm.ErrorSummary(page);
        Assert.Equal(8 + 4 + 4, errors.Count);
        Assert.Equal("Choose an answer to CORE-10 question 3, or “Not answered”", errors[0]);
        var link = page.QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href")!;
        Assert.Equal(Core10(3), page.GetElementById(link.TrimStart('#'))!.GetAttribute("name"));
        Assert.Equal("3", page.QuerySelector($"input[name='{Core10(1)}'][checked]")!.GetAttribute("value"));
        Assert.Equal(EnterAnswers.NotAnswered, page.QuerySelector($"input[name='{Core10(2)}'][checked]")!.GetAttribute("value"));
        Assert.Equal(QuestionnaireStatus.Pending, (await OutcomeData.RequestsAsync(app, reference)).First(r => r.Id == request.Id).Status);

        // An answer that is not one of the item's is refused too (a tampered form).
        var tamperedValues = await FormValuesAsync(request.Id, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]);
        tamperedValues[Core10(4)] = "9";
        var tampered = await form.PostAsync(client, tamperedValues);
        Assert.Equal(["Choose one of the answers to CORE-10 question 4"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(tampered)));
    }

    [Fact]
    public async Task A_form_loaded_before_someone_else_saved_answers_is_refused_with_a_clear_message()
    {
        var (reference, therapist, _, request) = await IntakeOnPaperAsync();
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/outcomes/{request.Id}/enter", EnterForm);
        // Meanwhile the client starts the questionnaire online (answers saved, not submitted).
        await app.QueryDbAsync(async db =>
        {
            var q = await db.QuestionnaireRequests.Include(x => x.Responses).ThenInclude(r => r.Instrument).Include(x => x.Responses).ThenInclude(r => r.Answers).SingleAsync(x => x.Id == request.Id);
            q.SaveAnswers(q.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10).Id, new Dictionary<int, int> { [1] = 4 }, app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        var stale = await form.PostAsync(client, await FormValuesAsync(request.Id, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HtmlForm.ParseAsync(stale);
        Assert.StartsWith("Someone else changed this record", Assert.Single(HtmlForm.ErrorSummary(page)));
        // The therapist's answers are kept; the form now carries the new version, so saving again works.
        Assert.Equal("1", page.QuerySelector($"input[name='{Core10(1)}'][checked]")!.GetAttribute("value"));
        var again = HtmlForm.FromResponse(page, "/x", EnterForm);
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostAsync(client, [], action: $"/cases/{reference}/outcomes/{request.Id}/enter")).StatusCode);
        Assert.Equal(QuestionnaireStatus.Completed, (await OutcomeData.RequestsAsync(app, reference)).First(r => r.Id == request.Id).Status);
    }

    [Fact]
    public async Task At_the_end_the_clients_comment_about_the_service_is_entered_with_whether_it_may_be_quoted()
    {
        var therapist = await CaseData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.RequestAsync(app, reference, therapist, Timepoint.End, sendLinks: false);
        var request = (await OutcomeData.RequestsAsync(app, reference)).First(r => r.Role == PersonRole.Primary);
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/outcomes/{request.Id}/enter", EnterForm);
        OutcomeData.AssertWellFormed(form.Document);
        Assert.Contains("NPS", form.Document.QuerySelectorAll("[data-testid=instrument]").Select(i => i.GetAttribute("data-instrument")));
        var values = await FormValuesAsync(request.Id, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]);
        values["Input.Answers[NPS:1]"] = "9";
        values["Input.FeedbackComment"] = "Being listened to helped us both.";
        values["Input.MayQuoteFeedback"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, values)).StatusCode);

        var stored = await app.QueryDbAsync(db => db.QuestionnaireRequests.SingleAsync(q => q.Id == request.Id));
        Assert.Equal(("Being listened to helped us both.", true), (stored.FeedbackComment, stored.MayQuoteFeedback));
        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/outcomes"));
        var feedback = page.QuerySelector("[data-testid=feedback]")!;
        Assert.Contains("Being listened to helped us both.", feedback.TextContent);
        Assert.Equal("May be quoted, without their name, in reports.", feedback.QuerySelector("[data-testid=may-quote]")!.TextContent.Trim());
        Assert.Contains("Promoter", page.QuerySelector($"[data-request-id='{request.Id}'] [data-instrument='NPS']")!.TextContent);
        // Never in the audit trail.
        Assert.False(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Detail != null && a.Detail.Contains("listened"))));
    }
}
