using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>
/// The client's private link, through real HTTP with no account: answering step by step, leaving and coming back,
/// submitting (once, however often it is posted), and every way a link is refused: expired, cancelled, tampered with,
/// made up, replaced, used again, or another client's. Risk answers reach the clinicians and show the client crisis
/// contacts. The token is in no audit entry and no log line.
/// </summary>
public sealed partial class ClientLinkHttpTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>CORE-10 answers whose total is 23 with items 2 and 3 reversed: 3 + (4−1) + (4−0) + 2 + 2 + 0 + 3 + 2 + 3 + 1.</summary>
    private static readonly Dictionary<int, int> Core10 = new() { [1] = 3, [2] = 1, [3] = 0, [4] = 2, [5] = 2, [6] = 0, [7] = 3, [8] = 2, [9] = 3, [10] = 1 };

    private static readonly Dictionary<int, int> NoRisk = new() { [1] = 0, [2] = 0, [3] = 0, [4] = 0 };

    private sealed record Couple(string Reference, StaffUser Therapist, string PrimaryToken, string PartnerToken, string LastName);

    private async Task<Couple> CoupleWithLinksAsync(StaffUser? supervisor = null, Timepoint timepoint = Timepoint.Intake)
    {
        var (reference, therapist) = await OutcomeData.EmailableCaseAsync(app, supervisor);
        var asked = await OutcomeData.RequestAsync(app, reference, therapist, timepoint);
        Assert.Equal(2, asked.LinksSent);
        var lastName = await app.QueryDbAsync(db => db.ReferralPeople
            .Where(p => p.Role == PersonRole.Primary && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference))
            .Select(p => p.LastName).SingleAsync());
        return new Couple(reference, therapist,
            await OutcomeData.TokenSentToAsync(app, OutcomeData.EmailOf(reference, PersonRole.Primary)),
            await OutcomeData.TokenSentToAsync(app, OutcomeData.EmailOf(reference, PersonRole.Partner)),
            lastName);
    }

    private Task<QuestionnaireRequest> RequestOfAsync(string reference, PersonRole role, Timepoint timepoint = Timepoint.Intake) =>
        app.QueryDbAsync(db => db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Answers)
            .Include(q => q.Responses).ThenInclude(r => r.Scores)
            .AsSplitQuery()
            .SingleAsync(q => q.Timepoint == timepoint
                && db.ReferralPeople.Any(p => p.Id == q.PersonId && p.Role == role && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference))));

    private static Dictionary<string, string?> AnswerFields(IReadOnlyDictionary<int, int> answers, string move = "continue")
    {
        var fields = answers.ToDictionary(a => $"Answers[{a.Key.ToString(CultureInfo.InvariantCulture)}]", a => (string?)a.Value.ToString(CultureInfo.InvariantCulture));
        fields["Move"] = move;
        return fields;
    }

    /// <summary>Opens step <paramref name="step"/> of the link and saves <paramref name="answers"/> as the client would.</summary>
    private static async Task<HttpResponseMessage> SaveStepAsync(HttpClient client, string token, int step, IReadOnlyDictionary<int, int> answers, string move = "continue")
    {
        var form = await HtmlForm.GetAsync(client, $"/q/{token}/{step}");
        return await form.PostAsync(client, AnswerFields(answers, move));
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        AssertPrivateHeaders(response);
        return await HtmlForm.ParseAsync(response);
    }

    private static void AssertRedirect(HttpResponseMessage response, string to)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }

    /// <summary>The link's pages are never cached, never leak the address as a referrer and are not indexed.</summary>
    private static void AssertPrivateHeaders(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")));
    }

    private static string Checked(IHtmlDocument page, int item) =>
        page.QuerySelector($"input[name='Answers[{item}]']:checked")?.GetAttribute("value") ?? "";

    [Fact]
    public async Task A_client_answers_step_by_step_leaves_and_resumes_with_their_answers_kept_then_submits_and_the_scores_are_stored()
    {
        var couple = await CoupleWithLinksAsync();
        var token = couple.PrimaryToken;
        var client = app.CreateBrowserLikeClient();

        // The link leads to the first questionnaire: one per step, then a step to check and submit.
        var opened = await client.GetAsync($"/q/{token}");
        AssertPrivateHeaders(opened);
        AssertRedirect(opened, $"/q/{token}/1");
        var first = await PageAsync(client, $"/q/{token}/1");
        Assert.Equal("Step 1 of 4", first.QuerySelector("[data-testid=progress]")!.TextContent.Trim().TrimEnd(':'));
        Assert.Contains("CORE-10", first.QuerySelector("h1")!.TextContent);
        Assert.Contains("OVER THE LAST WEEK", first.QuerySelector("[data-testid=instructions]")!.TextContent);
        Assert.Equal("© CORE System Trust", first.QuerySelector("[data-testid=copyright]")!.TextContent.Trim());
        var items = first.QuerySelectorAll("[data-testid=item]");
        Assert.Equal(10, items.Length);
        Assert.All(items, item => Assert.Equal(5, item.QuerySelectorAll("fieldset input[type=radio]").Length));
        Assert.Equal("6. I made plans to end my life", Regex.Replace(items[5].QuerySelector("legend")!.TextContent, @"\s+", " ").Trim());
        // The client's first name and the service's; nothing else about the case.
        var html = first.DocumentElement.OuterHtml;
        Assert.Contains("Hello Alex.", first.QuerySelector("[data-testid=welcome]")!.TextContent);
        Assert.DoesNotContain(couple.Reference, html);
        Assert.DoesNotContain(couple.LastName, html);
        Assert.DoesNotContain("Jordan", html);
        Assert.DoesNotContain(couple.Therapist.DisplayName, html);

        AssertRedirect(await SaveStepAsync(client, token, 1, Core10), $"/q/{token}/2");
        // The risk items: three answered, one left for later.
        AssertRedirect(await SaveStepAsync(client, token, 2, new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 0 }), $"/q/{token}/3");

        // The client leaves, and comes back later on another device: the link resumes at the first unanswered question's step.
        var later = app.CreateBrowserLikeClient();
        AssertRedirect(await later.GetAsync($"/q/{token}"), $"/q/{token}/2");
        var resumed = await PageAsync(later, $"/q/{token}/2");
        Assert.Equal(["0", "0", "0", ""], Enumerable.Range(1, 4).Select(i => Checked(resumed, i)));
        var back = await PageAsync(later, $"/q/{token}/1");
        Assert.Equal(Core10.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)), Enumerable.Range(1, 10).Select(i => Checked(back, i)));
        var stored = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        Assert.Equal(QuestionnaireStatus.InProgress, stored.Status);

        // "Back" saves too, then goes back; the last questionnaire is left with one question unanswered.
        AssertRedirect(await SaveStepAsync(later, token, 2, NoRisk, move: "back"), $"/q/{token}/1");
        AssertRedirect(await SaveStepAsync(later, token, 3, new Dictionary<int, int> { [1] = 4, [2] = 3, [3] = 3 }), $"/q/{token}/check");

        // The check step lists the unanswered question with a link back to it.
        var check = await PageAsync(later, $"/q/{token}/check");
        Assert.Equal("Step 4 of 4", check.QuerySelector("[data-testid=progress]")!.TextContent.Trim().TrimEnd(':'));
        var unanswered = Assert.Single(check.QuerySelectorAll("[data-testid=unanswered-step]"));
        Assert.Contains("You have not answered 1 question in Couples Satisfaction Index (CSI-4). You can still submit", Regex.Replace(unanswered.TextContent, @"\s+", " "));
        Assert.Equal($"/q/{token}/3#item-4", unanswered.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(check.QuerySelector("textarea"));

        var submit = HtmlForm.FromResponse(check, $"/q/{token}/check");
        var submitted = await submit.PostAsync(later, []);
        AssertPrivateHeaders(submitted);
        AssertRedirect(submitted, $"/q/{token}/done");
        var thanks = await PageAsync(later, $"/q/{token}/done");
        Assert.Equal("Thank you, Alex", thanks.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(thanks.QuerySelector("[data-testid=risk-message]"));
        Assert.Contains("Samaritans", thanks.QuerySelector("[data-testid=help-now]")!.TextContent);

        var completed = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        Assert.Equal((QuestionnaireStatus.Completed, CompletionMode.Online), (completed.Status, completed.Mode!.Value));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, completed.CompletedAtUtc);
        Assert.Null(completed.EnteredByUserId);
        var core10 = completed.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10).Scores.Single();
        Assert.Equal((23.0, false, true, "Moderate to severe"), (core10.Value!.Value, core10.Prorated, core10.IsClinical!.Value, core10.Band));
        // The risk score takes CORE-10 item 6 from the same sitting; CSI-4 allows no missing item.
        Assert.Equal(0.0, completed.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.CoreRisk).Scores.Single().Value);
        var csi = completed.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Csi4).Scores.Single();
        Assert.Equal((null, 3, 4), (csi.Value, csi.ItemsAnswered, csi.ItemsInScore));
        // The partner's questionnaire is untouched.
        Assert.Equal(QuestionnaireStatus.Pending, (await RequestOfAsync(couple.Reference, PersonRole.Partner)).Status);

        // The audit trail: opened, saved and completed, with ids, codes and counts only; never the token, never an answer.
        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == couple.Reference).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditActions.QuestionnaireOpenedByClient && a.UserId == null && a.Detail!.StartsWith($"request={completed.Id}; page=step-1", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.QuestionnaireAnswersSavedByClient && a.Detail == $"request={completed.Id}; instrument=CORE-10; answered=10/10");
        Assert.Contains(audit, a => a.Action == AuditActions.QuestionnaireAnswersSavedByClient && a.Detail == $"request={completed.Id}; instrument=CSI-4; answered=3/4");
        Assert.Single(audit, a => a.Action == AuditActions.QuestionnaireCompleted);
        await AssertNothingLeaksAsync(token);
    }

    [Fact]
    public async Task Submitting_twice_stores_one_completion_and_the_second_submission_shows_the_already_submitted_page()
    {
        var couple = await CoupleWithLinksAsync();
        var client = app.CreateBrowserLikeClient();
        await SaveStepAsync(client, couple.PrimaryToken, 1, Core10);
        var form = await HtmlForm.GetAsync(client, $"/q/{couple.PrimaryToken}/check");

        AssertRedirect(await form.PostAsync(client, []), $"/q/{couple.PrimaryToken}/done");
        var again = await form.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        AssertPrivateHeaders(again);
        var page = await HtmlForm.ParseAsync(again);
        Assert.Equal("These questionnaires have already been submitted", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=already-submitted]"));
        Assert.Null(page.QuerySelector("main form"));

        // Two tabs submitting at the same moment (the partner's link): one completion, and the other is thanked.
        var partner = app.CreateBrowserLikeClient();
        await SaveStepAsync(partner, couple.PartnerToken, 3, new Dictionary<int, int> { [1] = 3, [2] = 3, [3] = 3, [4] = 3 });
        var tab1 = await HtmlForm.GetAsync(partner, $"/q/{couple.PartnerToken}/check");
        var tab2 = await HtmlForm.GetAsync(partner, $"/q/{couple.PartnerToken}/check");
        var raced = await Task.WhenAll(tab1.PostAsync(partner, []), tab2.PostAsync(partner, []));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Redirect], raced.Select(r => r.StatusCode).Order());

        foreach (var role in new[] { PersonRole.Primary, PersonRole.Partner })
        {
            var request = await RequestOfAsync(couple.Reference, role);
            Assert.Equal(QuestionnaireStatus.Completed, request.Status);
            Assert.All(request.Responses, r => Assert.Single(r.Scores));
            var completions = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a =>
                a.Action == AuditActions.QuestionnaireCompleted && a.Detail!.StartsWith($"request={request.Id};")));
            Assert.Equal(1, completions);
        }
        var partnerRequest = await RequestOfAsync(couple.Reference, PersonRole.Partner);
        Assert.Equal(12.0, partnerRequest.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Csi4).Scores.Single().Value);

        // Using the link again later: the thank-you, with nothing to fill in, and no change to anything.
        var stamp = (await RequestOfAsync(couple.Reference, PersonRole.Primary)).ConcurrencyStamp;
        var reopened = await PageAsync(app.CreateBrowserLikeClient(), $"/q/{couple.PrimaryToken}");
        Assert.NotNull(reopened.QuerySelector("[data-testid=already-submitted]"));
        Assert.Null(reopened.QuerySelector("main form"));
        Assert.Null(reopened.QuerySelector("input[type=radio]"));
        var step = await PageAsync(client, $"/q/{couple.PrimaryToken}/1");
        Assert.NotNull(step.QuerySelector("[data-testid=already-submitted]"));
        var thanksAgain = await PageAsync(app.CreateBrowserLikeClient(), $"/q/{couple.PrimaryToken}/done");
        Assert.NotNull(thanksAgain.QuerySelector("[data-testid=already-submitted]"));
        // A step form kept open from before the submission, posted afterwards: thanked, not saved.
        var late = await form.PostAsync(client, AnswerFields(new Dictionary<int, int> { [1] = 0 }), action: $"/q/{couple.PrimaryToken}/1");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.NotNull((await HtmlForm.ParseAsync(late)).QuerySelector("[data-testid=already-submitted]"));
        var after = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        Assert.Equal(stamp, after.ConcurrencyStamp);
        Assert.Equal(3, after.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10).Answers.Single(a => a.ItemNumber == 1).Value);
        var refusals = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.QuestionnaireLinkRefused && a.EntityId == couple.Reference)
            .Select(a => a.Detail!).ToListAsync());
        Assert.Contains($"reason=AlreadySubmitted; page=start; request={after.Id}", refusals);
        Assert.Contains($"reason=AlreadySubmitted; page=save; request={after.Id}", refusals);
        await AssertNothingLeaksAsync(couple.PrimaryToken, couple.PartnerToken);
    }

    [Fact]
    public async Task An_expired_link_answers_410_and_saves_nothing_and_a_cancelled_one_too()
    {
        var couple = await CoupleWithLinksAsync();
        var client = app.CreateBrowserLikeClient();
        var token = couple.PrimaryToken;
        var stepForm = await HtmlForm.GetAsync(client, $"/q/{token}/1");
        var checkForm = await HtmlForm.GetAsync(client, $"/q/{token}/check");
        // (Submitting with nothing answered is refused, and says why.)
        var empty = await checkForm.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(["No question has been answered."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(empty)));

        var days = app.Services.GetRequiredService<IOptions<QuestionnaireOptions>>().Value.LinkValidDays;
        app.Clock.Advance(TimeSpan.FromDays(days) + TimeSpan.FromMinutes(1));

        var expired = await PageAsync(client, $"/q/{token}", HttpStatusCode.Gone);
        Assert.Equal("This link has expired", expired.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Ask your therapist for a new one", expired.QuerySelector("[data-testid=expired]")!.TextContent);
        Assert.NotNull(expired.QuerySelector("[data-testid=help-now]"));
        await PageAsync(client, $"/q/{token}/2", HttpStatusCode.Gone);
        await PageAsync(client, $"/q/{token}/check", HttpStatusCode.Gone);
        var saved = await stepForm.PostAsync(client, AnswerFields(Core10));
        Assert.Equal(HttpStatusCode.Gone, saved.StatusCode);
        AssertPrivateHeaders(saved);
        Assert.Equal(HttpStatusCode.Gone, (await checkForm.PostAsync(client, [])).StatusCode);

        var request = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        Assert.Equal(QuestionnaireStatus.Pending, request.Status);
        Assert.All(request.Responses, r => Assert.Empty(r.Answers));
        var refusals = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.QuestionnaireLinkRefused && a.EntityId == couple.Reference)
            .Select(a => a.Detail!).ToListAsync());
        Assert.Contains($"reason=Expired; page=start; request={request.Id}", refusals);
        Assert.Contains($"reason=Expired; page=save; request={request.Id}", refusals);
        Assert.Contains($"reason=Expired; page=submit; request={request.Id}", refusals);

        // The partner's questionnaires are cancelled by the therapist: the link is gone for good, 410 as well.
        var fresh = await CoupleWithLinksAsync();
        await WithRequestAsync(fresh.Reference, PersonRole.Partner, (q, now) => q.Cancel(now));
        var cancelled = await PageAsync(client, $"/q/{fresh.PartnerToken}", HttpStatusCode.Gone);
        Assert.Equal("These questionnaires are no longer needed", cancelled.QuerySelector("h1")!.TextContent.Trim());
        await AssertNothingLeaksAsync(token, fresh.PartnerToken);
    }

    [Fact]
    public async Task A_tampered_made_up_or_truncated_link_answers_404_and_changes_nothing()
    {
        var couple = await CoupleWithLinksAsync();
        var token = couple.PrimaryToken;
        var client = app.CreateBrowserLikeClient();
        var realForm = await HtmlForm.GetAsync(client, $"/q/{token}/1");
        var changed = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var random = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string[] bad = [changed, random, token[..^1], token + "A", token.ToUpperInvariant(), "not-a-link"];

        foreach (var link in bad)
        {
            var page = await PageAsync(client, $"/q/{link}", HttpStatusCode.NotFound);
            Assert.Equal("This link is not valid", page.QuerySelector("h1")!.TextContent.Trim());
            Assert.NotNull(page.QuerySelector("[data-testid=not-valid]"));
            Assert.Null(page.QuerySelector("[data-testid=service]"));
            await PageAsync(client, $"/q/{link}/1", HttpStatusCode.NotFound);
            await PageAsync(client, $"/q/{link}/check", HttpStatusCode.NotFound);
            await PageAsync(client, $"/q/{link}/done", HttpStatusCode.NotFound);
            // A real form, with a valid antiforgery token, posted to the changed link.
            var posted = await realForm.PostAsync(client, AnswerFields(Core10), action: $"/q/{link}/1");
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
            AssertPrivateHeaders(posted);
            Assert.Equal(HttpStatusCode.NotFound, (await realForm.PostAsync(client, [], action: $"/q/{link}/check")).StatusCode);
        }

        var request = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        Assert.Equal(QuestionnaireStatus.Pending, request.Status);
        Assert.All(request.Responses, r => Assert.Empty(r.Answers));
        // Refusals are audited with the reason; an unknown link names no case and no request.
        var notValid = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.QuestionnaireLinkRefused && a.Detail!.StartsWith("reason=NotValid"))
            .ToListAsync());
        Assert.True(notValid.Count >= bad.Length * 6, $"{notValid.Count} refusals audited");
        Assert.All(notValid, a => Assert.Null(a.EntityId));
        Assert.All(notValid, a => Assert.DoesNotContain("request=", a.Detail));
        // The real link still works.
        AssertRedirect(await client.GetAsync($"/q/{token}"), $"/q/{token}/1");
        await AssertNothingLeaksAsync([token, .. bad.Where(b => b.Length > 20)]);
    }

    [Fact]
    public async Task Each_partner_sees_only_their_own_questionnaire_and_no_form_field_reaches_the_other()
    {
        var couple = await CoupleWithLinksAsync();
        var client = app.CreateBrowserLikeClient();

        var primaryPage = await PageAsync(client, $"/q/{couple.PrimaryToken}/1");
        var partnerPage = await PageAsync(client, $"/q/{couple.PartnerToken}/1");
        Assert.Contains("Hello Alex.", primaryPage.QuerySelector("[data-testid=welcome]")!.TextContent);
        Assert.DoesNotContain("Jordan", primaryPage.DocumentElement.OuterHtml);
        Assert.Contains("Hello Jordan.", partnerPage.QuerySelector("[data-testid=welcome]")!.TextContent);
        Assert.DoesNotContain("Alex", partnerPage.DocumentElement.OuterHtml);

        // The partner saves answers; the primary client's page does not show them.
        AssertRedirect(await SaveStepAsync(client, couple.PartnerToken, 1, Core10), $"/q/{couple.PartnerToken}/2");
        var primaryAgain = await PageAsync(client, $"/q/{couple.PrimaryToken}/1");
        Assert.Empty(primaryAgain.QuerySelectorAll("input[type=radio]:checked"));

        // The primary client's form, with every id a changed page might try added to it, saves to the primary's request only.
        var partnerBefore = await RequestOfAsync(couple.Reference, PersonRole.Partner);
        var ids = partnerBefore.Responses.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var form = HtmlForm.FromResponse(primaryAgain, $"/q/{couple.PrimaryToken}/1");
        var fields = AnswerFields(new Dictionary<int, int> { [1] = 4, [2] = 4 });
        fields["token"] = couple.PartnerToken;
        fields["Token"] = couple.PartnerToken;
        fields["step"] = "2";
        fields["RequestId"] = partnerBefore.Id.ToString(CultureInfo.InvariantCulture);
        fields["ResponseId"] = ids[0];
        fields["PersonId"] = partnerBefore.PersonId.ToString(CultureInfo.InvariantCulture);
        AssertRedirect(await form.PostAsync(client, fields), $"/q/{couple.PrimaryToken}/2");

        var primary = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        var partner = await RequestOfAsync(couple.Reference, PersonRole.Partner);
        Assert.Equal([(1, 4), (2, 4)], primary.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10).Answers.OrderBy(a => a.ItemNumber).Select(a => (a.ItemNumber, a.Value)));
        Assert.Equal(partnerBefore.ConcurrencyStamp, partner.ConcurrencyStamp);
        Assert.Equal(Core10.OrderBy(a => a.Key).Select(a => (a.Key, a.Value)),
            partner.Responses.Single(r => r.InstrumentCode == BuiltInInstruments.Core10).Answers.OrderBy(a => a.ItemNumber).Select(a => (a.ItemNumber, a.Value)));

        // An answer that is not one of the question's own (a changed value) is refused, and nothing is saved.
        var tampered = await form.PostAsync(client, AnswerFields(new Dictionary<int, int> { [1] = 9 }));
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Equal(["9 is not an answer to CORE-10 item 1."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(tampered)));
        var unknownItem = await form.PostAsync(client, AnswerFields(new Dictionary<int, int> { [11] = 1 }));
        Assert.Equal(["CORE-10 has no item 11."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(unknownItem)));
        Assert.Equal(primary.ConcurrencyStamp, (await RequestOfAsync(couple.Reference, PersonRole.Primary)).ConcurrencyStamp);
        await AssertNothingLeaksAsync(couple.PrimaryToken, couple.PartnerToken);
    }

    [Fact]
    public async Task A_new_link_replaces_the_old_one_and_keeps_the_answers_saved_so_far()
    {
        var couple = await CoupleWithLinksAsync();
        var client = app.CreateBrowserLikeClient();
        AssertRedirect(await SaveStepAsync(client, couple.PrimaryToken, 1, Core10), $"/q/{couple.PrimaryToken}/2");

        // No resend command yet: the domain's IssueLink, as a resend will call it.
        var days = app.Services.GetRequiredService<IOptions<QuestionnaireOptions>>().Value.LinkValidDays;
        string? newToken = null;
        await WithRequestAsync(couple.Reference, PersonRole.Primary, (q, now) => newToken = q.IssueLink(now, TimeSpan.FromDays(days)));

        await PageAsync(client, $"/q/{couple.PrimaryToken}", HttpStatusCode.NotFound);
        var newForm = await HtmlForm.GetAsync(client, $"/q/{newToken}/1");
        Assert.Equal(HttpStatusCode.NotFound, (await newForm.PostAsync(client, AnswerFields(Core10), action: $"/q/{couple.PrimaryToken}/1")).StatusCode);
        AssertRedirect(await client.GetAsync($"/q/{newToken}"), $"/q/{newToken}/2");
        var resumed = await PageAsync(client, $"/q/{newToken}/1");
        Assert.Equal("3", Checked(resumed, 1));
        await AssertNothingLeaksAsync(couple.PrimaryToken, newToken!);
    }

    [Fact]
    public async Task A_risk_answer_alerts_the_supervisor_and_the_therapist_at_once_and_the_client_sees_crisis_contacts()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var couple = await CoupleWithLinksAsync(supervisor);
        var client = app.CreateBrowserLikeClient();
        var answers = Core10.ToDictionary(a => a.Key, a => a.Key == 6 ? 1 : 0);
        await SaveStepAsync(client, couple.PrimaryToken, 1, answers);
        await SaveStepAsync(client, couple.PrimaryToken, 2, NoRisk);
        var mailsBefore = await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == RiskAlertNotifier.EmailKind));
        var check = await HtmlForm.GetAsync(client, $"/q/{couple.PrimaryToken}/check");
        AssertRedirect(await check.PostAsync(client, []), $"/q/{couple.PrimaryToken}/done");

        var request = await RequestOfAsync(couple.Reference, PersonRole.Primary);
        var alert = Assert.Single(await app.QueryDbAsync(db => db.RiskAlerts
            .Where(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == couple.Reference)).ToListAsync()));
        Assert.Equal((RiskAlertSource.Questionnaire, request.Id, RiskArea.SelfHarmSuicide, RiskLevel.High),
            (alert.Source, alert.SourceId!.Value, alert.Area, alert.Level));
        Assert.Equal(supervisor.Id, alert.SupervisorUserId);
        Assert.Contains("CORE-10 item 6", alert.Notes);
        var mails = await app.QueryDbAsync(db => db.OutboxMessages
            .Where(m => m.Kind == RiskAlertNotifier.EmailKind && m.BodyText.Contains(couple.Reference)).ToListAsync());
        Assert.Equal(new[] { couple.Therapist.Email!, supervisor.Email! }.Order(), mails.Select(m => m.ToAddress).Order());
        Assert.Equal(mailsBefore + 2, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == RiskAlertNotifier.EmailKind)));
        Assert.All(mails, m => Assert.DoesNotContain("end my life", m.BodyText));

        var thanks = await PageAsync(client, $"/q/{couple.PrimaryToken}/done");
        var risk = thanks.QuerySelector("[data-testid=risk-message]")!;
        Assert.Contains("Your therapist and their supervisor have been told", risk.TextContent);
        var help = thanks.QuerySelector("[data-testid=help-now]")!.TextContent;
        Assert.Contains("Samaritans", help);
        Assert.Contains("999", help);
        Assert.Null(thanks.QuerySelector("[data-testid=domestic-abuse-contacts]"));
        // The crisis contacts come before anything else on the page.
        Assert.True(thanks.DocumentElement.OuterHtml.IndexOf("data-testid=\"help-now\"", StringComparison.Ordinal)
            < thanks.DocumentElement.OuterHtml.IndexOf("What happens next", StringComparison.Ordinal));
        // Someone else opening the link later learns nothing about the answers.
        var other = await PageAsync(app.CreateBrowserLikeClient(), $"/q/{couple.PrimaryToken}/done");
        Assert.Null(other.QuerySelector("[data-testid=risk-message]"));
        Assert.NotNull(other.QuerySelector("[data-testid=help-now]"));

        // The partner reports violence to others: a harm-to-others alert, and domestic abuse services on the page.
        var partner = app.CreateBrowserLikeClient();
        await SaveStepAsync(partner, couple.PartnerToken, 2, new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 0, [4] = 2 });
        var partnerCheck = await HtmlForm.GetAsync(partner, $"/q/{couple.PartnerToken}/check");
        AssertRedirect(await partnerCheck.PostAsync(partner, []), $"/q/{couple.PartnerToken}/done");
        var partnerThanks = await PageAsync(partner, $"/q/{couple.PartnerToken}/done");
        Assert.NotNull(partnerThanks.QuerySelector("[data-testid=risk-message]"));
        Assert.Contains("National Domestic Abuse Helpline", partnerThanks.QuerySelector("[data-testid=domestic-abuse-contacts]")!.TextContent);
        Assert.Contains(await app.QueryDbAsync(db => db.RiskAlerts.Where(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == couple.Reference))
            .Select(a => a.Area).ToListAsync()), a => a == RiskArea.HarmToOthers);
        await AssertNothingLeaksAsync(couple.PrimaryToken, couple.PartnerToken);
    }

    [Fact]
    public async Task At_the_end_of_the_sessions_the_client_tells_the_service_what_they_thought_and_says_whether_it_may_be_quoted()
    {
        var couple = await CoupleWithLinksAsync(timepoint: Timepoint.End);
        var client = app.CreateBrowserLikeClient();
        var token = couple.PrimaryToken;
        AssertRedirect(await SaveStepAsync(client, token, 1, Core10), $"/q/{token}/2");

        var check = await PageAsync(client, $"/q/{token}/check");
        Assert.Equal("Step 5 of 5", check.QuerySelector("[data-testid=progress]")!.TextContent.Trim().TrimEnd(':'));
        Assert.Equal("Anything you would like to tell us about the service?", check.QuerySelector("label[for=Input_FeedbackComment]")!.TextContent.Trim());
        Assert.Equal("You may quote my comment, without my name, in reports about the service", check.QuerySelector("label[for=Input_MayQuoteFeedback]")!.TextContent.Trim());
        Assert.Equal(3, check.QuerySelectorAll("[data-testid=unanswered-step]").Length);

        var form = HtmlForm.FromResponse(check, $"/q/{token}/check");
        var tooLong = await form.PostAsync(client, new() { ["Input.FeedbackComment"] = new string('x', 2001), ["Input.MayQuoteFeedback"] = "true|false" });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var refused = await HtmlForm.ParseAsync(tooLong);
        Assert.Equal(["Your comment must be 2,000 characters or fewer"], HtmlForm.ErrorSummary(refused));
        Assert.Equal(2001, ((IHtmlTextAreaElement)refused.QuerySelector("textarea")!).Value.Length);
        Assert.Equal(QuestionnaireStatus.InProgress, (await RequestOfAsync(couple.Reference, PersonRole.Primary, Timepoint.End)).Status);

        AssertRedirect(await form.PostAsync(client, new() { ["Input.FeedbackComment"] = "  The evening sessions made it possible.  ", ["Input.MayQuoteFeedback"] = "true|false" }),
            $"/q/{token}/done");
        var request = await RequestOfAsync(couple.Reference, PersonRole.Primary, Timepoint.End);
        Assert.Equal((QuestionnaireStatus.Completed, "The evening sessions made it possible.", true), (request.Status, request.FeedbackComment, request.MayQuoteFeedback));
        Assert.False(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Detail != null && a.Detail.Contains("evening sessions"))));
        await AssertNothingLeaksAsync(token);
    }

    private async Task WithRequestAsync(string reference, PersonRole role, Action<QuestionnaireRequest, DateTime> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = await db.QuestionnaireRequests.Include(q => q.Responses)
            .SingleAsync(q => q.Timepoint == Timepoint.Intake
                && db.ReferralPeople.Any(p => p.Id == q.PersonId && p.Role == role && db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference)));
        change(request, app.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// No token in the audit trail or the logs; every audit entry about a client's questionnaire holds only known keys
    /// with ids, codes, counts and reasons (so no answer can hide in one).
    /// </summary>
    private async Task AssertNothingLeaksAsync(params string[] tokens)
    {
        var entries = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("questionnaire.") || a.Action.StartsWith("case.questionnaire"))
            .Select(a => a.Detail ?? "").ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, detail => Assert.Matches(AuditDetail(), detail));
        var all = await app.QueryDbAsync(db => db.AuditEntries.Select(a => (a.Detail ?? "") + " " + (a.EntityId ?? "")).ToListAsync());
        var lines = app.Logs.RenderedLines();
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(all, a => a.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains(token, StringComparison.Ordinal));
        }
        Assert.Contains(lines, line => line.Contains("/q/[link]", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(?:(?:request|page|status|reason|instrument|answered|timepoint|instruments|risk-flags|requests|links)=[A-Za-z0-9,./-]*(?:; |$))+$")]
    private static partial Regex AuditDetail();
}
