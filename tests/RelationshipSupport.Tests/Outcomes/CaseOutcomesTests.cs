using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Application.Outcomes.Case;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>The case's questionnaires tab: who may open it, asking for questionnaires, links, cancelling, and the scores shown.</summary>
public sealed class CaseOutcomesTests(TestApp app) : IClassFixture<TestApp>
{
    private const string AskForm = "form[data-testid=ask]";

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForm.ParseAsync(response);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await GetPageAsync(client, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Another_therapist_gets_404_with_an_audit_row_and_a_coordinator_or_manager_is_refused_the_tab()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.RequestAsync(app, reference, therapist, sendLinks: false);
        var requestId = (await OutcomeData.RequestsAsync(app, reference))[0].Id;
        var urls = new[] { $"/cases/{reference}/outcomes", $"/cases/{reference}/outcomes/{requestId}/enter" };

        var other = await CaseData.TherapistAsync(app, supervisor);
        var otherClient = await TriageData.SignInAsync(app, other.Email!);
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(url)).StatusCode);
        }
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetOutcomes.Query(reference), other, [Roles.Therapist]));
        await Assert.ThrowsAsync<NotFoundException>(() => OutcomeData.RequestAsync(app, reference, other));
        var denied = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == other.Id));
        Assert.True(denied >= urls.Length + 2, $"{denied} refusals audited");

        foreach (var role in new[] { Roles.Manager, Roles.Coordinator })
        {
            var client = await app.SignedInClientAsync(role);
            // They see the case (oversight) but not its scores: no tab, and the pages answer 404.
            var overview = await GetPageAsync(client, $"/cases/{reference}");
            Assert.Null(overview.QuerySelector($"a[href='/cases/{reference}/outcomes']"));
            foreach (var url in urls)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            }
        }
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(urls[0])).StatusCode);

        // The case's own therapist and supervisor open it, and each view is audited (counts only).
        var own = await GetPageAsync(await TriageData.SignInAsync(app, therapist.Email!), urls[0]);
        Assert.Equal("page", own.QuerySelector($"a[href='/cases/{reference}/outcomes']")!.GetAttribute("aria-current"));
        await GetPageAsync(await TriageData.SignInAsync(app, supervisor.Email!), urls[0]);
        var views = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.OutcomesViewed && a.EntityId == reference).Select(a => a.Detail!).ToListAsync());
        Assert.Equal(2, views.Count);
        Assert.All(views, d => Assert.StartsWith("access=Clinical; requests=2; completed=0", d));
    }

    [Fact]
    public async Task Asking_through_the_page_creates_one_request_per_client_says_who_must_answer_on_paper_and_asking_again_creates_none()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var url = $"/cases/{reference}/outcomes";

        var page = await GetPageAsync(client, url);
        OutcomeData.AssertWellFormed(page);
        // Only the programme's timepoints are offered (the staff programme gives questionnaires at intake and end).
        var timepoints = page.QuerySelectorAll($"{AskForm} input[name='Input.Timepoint']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal([nameof(Timepoint.Intake), nameof(Timepoint.End)], timepoints);
        Assert.Contains("CORE-10", page.QuerySelector($"{AskForm} .nhsuk-radios__hint")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=no-scores]"));

        var form = HtmlForm.FromResponse(page, url, AskForm);
        // Emailing was chosen, but neither client of this case agreed to email: both are named, to be done on paper.
        var asked = await FollowAsync(client, await form.PostAsync(client, new() { ["Input.Timepoint"] = "Intake", ["Input.SendLinks"] = "true" }));
        var message = asked.QuerySelector("[data-testid=success]")!.TextContent;
        Assert.Contains("Questionnaires asked for: 2 clients.", message);
        Assert.Contains("Alex and Jordan have not agreed to email: give them the questionnaires on paper or in a session", message);
        var requests = await OutcomeData.RequestsAsync(app, reference);
        Assert.Equal([PersonRole.Primary, PersonRole.Partner], requests.Select(r => r.Role));
        Assert.All(requests, r => Assert.Equal((Timepoint.Intake, QuestionnaireStatus.Pending), (r.Timepoint, r.Status)));
        Assert.False(await app.QueryDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind == QuestionnaireEmails.Kind && m.BodyText.Contains(reference))));
        OutcomeData.AssertWellFormed(asked);
        Assert.Equal(2, asked.QuerySelectorAll("[data-testid=request]").Length);
        Assert.All(asked.QuerySelectorAll("[data-testid=request]"), row => Assert.NotNull(row.QuerySelector("[data-testid=enter]")));
        // Nobody to email: no link to send, but each can be cancelled.
        Assert.Empty(asked.QuerySelectorAll("[data-testid=resend]"));
        Assert.Equal(2, asked.QuerySelectorAll("[data-testid=cancel]").Length);

        var again = await FollowAsync(client, await form.PostAsync(client, new() { ["Input.Timepoint"] = "Intake", ["Input.SendLinks"] = "false" }));
        Assert.Contains("had already been asked for (2 clients): nothing new was created", again.QuerySelector("[data-testid=success]")!.TextContent);
        Assert.Equal(2, (await OutcomeData.RequestsAsync(app, reference)).Count);

        // Choosing no client is a mistake, not "everyone"; choosing nothing to ask for is refused with the field linked.
        var none = await form.PostAsync(client, new() { ["Input.Timepoint"] = "End", ["Input.PersonIds"] = null });
        Assert.Equal(["Choose the clients to ask"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(none)));
        var noTimepoint = await form.PostAsync(client, new() { ["Input.Timepoint"] = null });
        var refused = await HtmlForm.ParseAsync(noTimepoint);
        Assert.Equal(["Choose when in the case these questionnaires are for"], HtmlForm.ErrorSummary(refused));
        Assert.NotNull(refused.QuerySelector(".nhsuk-error-summary a[href='#Input_Timepoint']"));
        Assert.NotNull(refused.QuerySelector("#Input_Timepoint"));

        // Only the partner, at the end: one more request.
        var partnerId = requests.Single(r => r.Role == PersonRole.Partner).PersonId;
        await FollowAsync(client, await form.PostAsync(client, new() { ["Input.Timepoint"] = "End", ["Input.PersonIds"] = partnerId.ToString(CultureInfo.InvariantCulture), ["Input.SendLinks"] = "false" }));
        var end = Assert.Single(await OutcomeData.RequestsAsync(app, reference), r => r.Timepoint == Timepoint.End);
        Assert.Equal(partnerId, end.PersonId);
    }

    [Fact]
    public async Task The_supervisor_reads_the_tab_but_only_the_cases_therapists_ask_send_cancel_or_enter()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var (reference, therapist) = await OutcomeData.EmailableCaseAsync(app, supervisor);
        await OutcomeData.RequestAsync(app, reference, therapist, sendLinks: false);
        var request = (await OutcomeData.RequestsAsync(app, reference))[0];

        var page = await GetPageAsync(await TriageData.SignInAsync(app, supervisor.Email!), $"/cases/{reference}/outcomes");
        Assert.NotNull(page.QuerySelector("[data-testid=read-only-outcomes]"));
        Assert.Null(page.QuerySelector(AskForm));
        Assert.Empty(page.QuerySelectorAll("[data-testid=enter], [data-testid=resend], [data-testid=cancel]"));
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=request]").Length);

        var asking = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            new RequestQuestionnaires.Command { Reference = reference, Timepoint = Timepoint.End }, supervisor, [Roles.Supervisor]));
        Assert.Equal("Only the case's therapists can ask for questionnaires.", asking.Message);
        await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            new ResendLink.Command { Reference = reference, RequestId = request.Id, ConcurrencyStamp = request.ConcurrencyStamp }, supervisor, [Roles.Supervisor]));
        await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            new CancelQuestionnaire.Command { Reference = reference, RequestId = request.Id, ConcurrencyStamp = request.ConcurrencyStamp }, supervisor, [Roles.Supervisor]));
        var answers = await OutcomeData.AnswersAsync(app, request.Id, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]);
        var entering = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new EnterAnswers.Command
        {
            Reference = reference, RequestId = request.Id, ConcurrencyStamp = request.ConcurrencyStamp, Answers = answers,
        }, supervisor, [Roles.Supervisor]));
        Assert.Equal("Only the case's therapists can enter answers on a client's behalf.", entering.Message);
        Assert.All(await OutcomeData.RequestsAsync(app, reference), r => Assert.Equal(QuestionnaireStatus.Pending, r.Status));
        var enterPage = await GetPageAsync(await TriageData.SignInAsync(app, supervisor.Email!), $"/cases/{reference}/outcomes/{request.Id}/enter");
        Assert.Null(enterPage.QuerySelector("form[data-testid=enter-answers]"));
        Assert.NotNull(enterPage.QuerySelector("[data-testid=cannot-enter]"));
    }

    [Fact]
    public async Task A_new_link_replaces_the_old_one_only_for_a_client_who_agreed_to_email_and_a_cancelled_request_stops_its_link()
    {
        var (reference, therapist) = await OutcomeData.EmailableCaseAsync(app);
        await OutcomeData.RequestAsync(app, reference, therapist, sendLinks: false);
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var url = $"/cases/{reference}/outcomes";
        var page = await GetPageAsync(client, url);
        var request = (await OutcomeData.RequestsAsync(app, reference)).First(r => r.Role == PersonRole.Primary);
        var primaryRow = $"[data-testid=request][data-request-id='{request.Id}']";
        Assert.Contains("No link sent", page.QuerySelector($"{primaryRow} [data-testid=link]")!.TextContent);

        var resend = HtmlForm.FromResponse(page, url, $"{primaryRow} form[data-testid=resend]");
        var sent = await FollowAsync(client, await resend.PostAsync(client, []));
        Assert.Contains("A new private link was emailed to Alex", sent.QuerySelector("[data-testid=success]")!.TextContent);
        var email = OutcomeData.EmailOf(reference, PersonRole.Primary);
        var first = await OutcomeData.TokenSentToAsync(app, email);
        // The same click again (the page from before the first post): one email only.
        var repeat = await FollowAsync(client, await resend.PostAsync(client, []));
        Assert.Contains("no second email was sent", repeat.QuerySelector("[data-testid=success]")!.TextContent);
        Assert.Equal(1, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == QuestionnaireEmails.Kind && m.ToAddress == email)));

        // Later a new link (from the fresh page) replaces the first: the old one no longer matches.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var fresh = HtmlForm.FromResponse(await GetPageAsync(client, url), url, $"{primaryRow} form[data-testid=resend]");
        var resent = await FollowAsync(client, await fresh.PostAsync(client, []));
        Assert.Contains("A new private link was emailed to Alex", resent.QuerySelector("[data-testid=success]")!.TextContent);
        var second = await OutcomeData.TokenSentToAsync(app, email);
        Assert.NotEqual(first, second);
        var stored = await app.QueryDbAsync(db => db.QuestionnaireRequests.SingleAsync(q => q.Id == request.Id));
        Assert.Equal(QuestionnaireRequest.HashToken(second), stored.TokenHash);
        Assert.True(stored.LinkWorks(app.Clock.GetUtcNow().UtcDateTime));
        var sentAudits = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.QuestionnaireLinkSent && a.EntityId == reference));
        Assert.Equal(2, sentAudits);

        // The partner withdraws their email agreement: no link is offered, and the command refuses.
        await CaseData.WithCaseAsync(app, reference, (referral, _) => referral.Partner!.PreferredContact = PreferredContact.Phone);
        var partner = (await OutcomeData.RequestsAsync(app, reference)).Single(r => r.Role == PersonRole.Partner);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            new ResendLink.Command { Reference = reference, RequestId = partner.Id, ConcurrencyStamp = partner.ConcurrencyStamp }, therapist, [Roles.Therapist]));
        Assert.StartsWith("Jordan has not agreed to be contacted by email", refusal.Message);

        // Cancelling: the link stops working, the row says so, cancelling again changes nothing.
        page = await GetPageAsync(client, url);
        var cancel = HtmlForm.FromResponse(page, url, $"{primaryRow} form[data-testid=cancel]");
        var cancelled = await FollowAsync(client, await cancel.PostAsync(client, []));
        Assert.Contains("Alex's questionnaires were cancelled", cancelled.QuerySelector("[data-testid=success]")!.TextContent);
        stored = await app.QueryDbAsync(db => db.QuestionnaireRequests.SingleAsync(q => q.Id == request.Id));
        Assert.Equal(QuestionnaireStatus.Cancelled, stored.Status);
        Assert.False(stored.LinkWorks(app.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal("Cancelled", cancelled.QuerySelector($"[data-request-id='{request.Id}'] [data-testid=status]")!.TextContent.Trim());
        var twice = await FollowAsync(client, await cancel.PostAsync(client, []));
        Assert.Contains("had already been cancelled", twice.QuerySelector("[data-testid=success]")!.TextContent);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.QuestionnaireCancelled && a.EntityId == reference)));
    }

    [Fact]
    public async Task The_chart_is_an_accessible_svg_with_the_cut_off_line_and_a_data_table_and_the_first_against_latest_table_shows_reliable_change()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        // Alex: 18 at intake, 9 at the end: a fall of 9 that leaves the clinical range (11 and above).
        await OutcomeData.PaperCore10Async(app, reference, therapist, Timepoint.Intake, [2, 2, 2, 2, 2, 0, 2, 2, 2, 2]);
        var partnerIntake = (await OutcomeData.RequestsAsync(app, reference)).Single(r => r.Role == PersonRole.Partner);
        // Jordan: 20 at intake, 14 at the end: a reliable fall of 6, still in the clinical range.
        await OutcomeData.EnterAsync(app, reference, therapist, partnerIntake.Id, await OutcomeData.AnswersAsync(app, partnerIntake.Id, [2, 2, 2, 2, 2, 0, 2, 2, 2, 4]));
        app.Clock.Advance(TimeSpan.FromDays(42));
        await OutcomeData.PaperCore10Async(app, reference, therapist, Timepoint.End, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]);
        var partnerEnd = (await OutcomeData.RequestsAsync(app, reference)).Single(r => r.Role == PersonRole.Partner && r.Timepoint == Timepoint.End);
        await OutcomeData.EnterAsync(app, reference, therapist, partnerEnd.Id, await OutcomeData.AnswersAsync(app, partnerEnd.Id, [2, 2, 2, 2, 2, 0, 1, 1, 1, 1]));

        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var page = await GetPageAsync(client, $"/cases/{reference}/outcomes");
        OutcomeData.AssertWellFormed(page);

        var chart = page.QuerySelector("[data-testid=chart][data-chart='CORE-10/total']")!;
        var svg = chart.QuerySelector("svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal("CORE-10 over time", page.GetElementById(labelledBy[0])!.TextContent);
        var description = page.GetElementById(labelledBy[1])!.TextContent;
        Assert.Contains("Clinical range (11 and above)", description);
        Assert.Contains("Alex", description);
        Assert.Contains("18.0", description);
        // The cut-off line sits at 11 on a 0–40 scale: 11/40 of the way up the plot.
        var cutoff = chart.QuerySelector("[data-testid=cutoff] line")!;
        var y = double.Parse(cutoff.GetAttribute("y1")!, CultureInfo.InvariantCulture);
        const double bottom = RelationshipSupport.Web.Pages.Cases.Outcomes.ScoreChart.Bottom, top = RelationshipSupport.Web.Pages.Cases.Outcomes.ScoreChart.Top;
        Assert.Equal(bottom - 11.0 / 40 * (bottom - top), y, 1);
        Assert.Contains("Cut-off 11", chart.QuerySelector("[data-testid=cutoff] text")!.TextContent);
        Assert.Equal(6, chart.QuerySelectorAll("rect[data-band]").Length);
        Assert.Equal(2, chart.QuerySelectorAll("svg polyline").Length);
        // Both clients' end scores are reliable improvements (9 and 6 points).
        Assert.Equal(2, chart.QuerySelectorAll("[data-testid=reliable-improvement]").Length);

        var table = page.QuerySelector("[data-testid=chart-table][data-chart='CORE-10/total']")!;
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["18.0", "Moderate (clinical range)", "First score"], rows[0].Skip(3));
        Assert.Equal(["9.0", "Low", "Reliable improvement"], rows[1].Skip(3));
        Assert.Equal(["14.0", "Mild (clinical range)", "Reliable improvement"], rows[3].Skip(3));

        var people = await app.QueryDbAsync(db => db.ReferralPeople.Where(p => db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference)).ToListAsync());
        var alex = page.QuerySelector($"[data-testid=first-latest][data-client='{people.Single(p => p.Role == PersonRole.Primary).Id}'] tr[data-chart='CORE-10/total']")!;
        Assert.Equal("18.0", alex.QuerySelector("[data-testid=first]")!.TextContent.Trim());
        Assert.Equal("9.0", alex.QuerySelector("[data-testid=latest]")!.TextContent.Trim());
        Assert.Equal("-9.0 (better)", alex.QuerySelector("[data-testid=change]")!.TextContent.Trim());
        Assert.Equal("Reliable improvement", alex.QuerySelector("[data-testid=reliable]")!.TextContent.Trim());
        Assert.EndsWith("Yes", alex.QuerySelector("[data-testid=rcsi]")!.TextContent.Trim());
        var jordan = page.QuerySelector($"[data-testid=first-latest][data-client='{people.Single(p => p.Role == PersonRole.Partner).Id}'] tr[data-chart='CORE-10/total']")!;
        Assert.Equal("-6.0 (better)", jordan.QuerySelector("[data-testid=change]")!.TextContent.Trim());
        Assert.Equal("Reliable improvement", jordan.QuerySelector("[data-testid=reliable]")!.TextContent.Trim());
        Assert.EndsWith("No", jordan.QuerySelector("[data-testid=rcsi]")!.TextContent.Trim());

        // The slice gives the same, with CSI-4 (no reliable change index) marked as not defined.
        var outcomes = await app.SendAsync(new GetOutcomes.Query(reference), therapist, [Roles.Therapist]);
        var primary = outcomes.Clients.Single(c => c.Role == PersonRole.Primary);
        var core = primary.Comparisons.Single(c => c.ChartKey == "CORE-10/total");
        Assert.Equal((ReliableChange.ReliableImprovement, true), (core.Reliable!.Value, core.ReliableAndClinicallySignificant!.Value));
        var csi = primary.Comparisons.Single(c => c.ChartKey == "CSI-4/total");
        Assert.Equal((ReliableChange.NotDefined, (string?)null, (bool?)null), (csi.Reliable!.Value, csi.ReliableLabel, csi.ReliableAndClinicallySignificant));
        Assert.Equal(["CORE-10/total", "CORE-RISK/risk", "CSI-4/total", "NPS/recommend"], outcomes.Charts.Select(c => c.Key));
    }

    [Fact]
    public async Task A_fall_of_five_is_not_reliable_and_a_rise_of_six_is_reliable_deterioration()
    {
        var therapist = await CaseData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.PaperCore10Async(app, reference, therapist, Timepoint.Intake, [2, 2, 2, 2, 2, 0, 2, 2, 2, 0]); // 16
        app.Clock.Advance(TimeSpan.FromDays(30));
        await OutcomeData.PaperCore10Async(app, reference, therapist, Timepoint.End, [1, 1, 1, 1, 1, 0, 2, 1, 1, 2]); // 11: a fall of 5

        var outcomes = await app.SendAsync(new GetOutcomes.Query(reference), therapist, [Roles.Therapist]);
        var row = outcomes.Clients[0].Comparisons.Single(c => c.ChartKey == "CORE-10/total");
        Assert.Equal(("16.0", "11.0", "-5.0 (better)"), (row.FirstDisplay, row.LatestDisplay, row.ChangeDisplay));
        Assert.Equal((ReliableChange.NoReliableChange, false), (row.Reliable!.Value, row.ReliableAndClinicallySignificant!.Value));

        var other = await CaseData.InTherapyAsync(app, therapist);
        await OutcomeData.PaperCore10Async(app, other, therapist, Timepoint.Intake, [1, 1, 1, 1, 1, 0, 1, 1, 1, 0]); // 8
        app.Clock.Advance(TimeSpan.FromDays(30));
        await OutcomeData.PaperCore10Async(app, other, therapist, Timepoint.End, [2, 2, 1, 1, 2, 0, 2, 2, 1, 1]); // 14
        var worse = (await app.SendAsync(new GetOutcomes.Query(other), therapist, [Roles.Therapist])).Clients[0];
        var change = worse.Comparisons.Single(c => c.ChartKey == "CORE-10/total");
        Assert.Equal(("+6.0 (worse)", ReliableChange.ReliableDeterioration, "Reliable deterioration"), (change.ChangeDisplay, change.Reliable!.Value, change.ReliableLabel));
        var point = Assert.Single(worse.Requests, r => r.Timepoint == Timepoint.End);
        Assert.Equal("14.0", point.Responses[0].Scores[0].Display);

        var page = await GetPageAsync(await TriageData.SignInAsync(app, therapist.Email!), $"/cases/{other}/outcomes");
        Assert.Single(page.QuerySelectorAll("[data-chart='CORE-10/total'] [data-testid=reliable-deterioration]"));
    }
}
