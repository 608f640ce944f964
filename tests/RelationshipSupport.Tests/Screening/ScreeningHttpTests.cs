using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;
using static RelationshipSupport.Tests.Screening.ScreeningData;

namespace RelationshipSupport.Tests.Screening;

/// <summary>Screening through real HTTP: start, the checklist, the supervisor override, not suitable with its emails, conflicts and refusals.</summary>
public sealed class ScreeningHttpTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_staff_referral_is_started_screened_and_accepted_onto_the_waiting_list_once_however_often_it_is_posted()
    {
        var reference = await SubmitAsync(app);
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var client = await TriageData.SignInAsync(app, user.Email!);

        var start = await HtmlForm.GetAsync(client, Url(reference, "start-screening"));
        var started = await start.PostAsync(client, []);
        var again = await start.PostAsync(client, []);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(Url(reference, "screening"), started.Headers.Location!.OriginalString, ignoreCase: true);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var form = await HtmlForm.GetAsync(client, Url(reference, "screening"));
        Assert.Equal("Screening started", form.Document.QuerySelector("[data-testid=success] .nhsuk-notification-banner__heading")!.TextContent.Trim());
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        Assert.Equal(criteria.Count, form.Document.QuerySelectorAll("input[name$='.CriterionId']").Length);
        Assert.Contains("Employed, bank or agency staff", form.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.Document.QuerySelector("[data-testid=screening-answers]"));
        // A coordinator is not offered the override.
        Assert.Null(form.Document.QuerySelector("#Input_OverrideReason"));

        var post = Checklist(criteria).With("Input.Outcome", "Accept").With("Input.Notes", "Spoke to them on Monday.");
        var accepted = await form.PostAsync(client, post);
        var twice = await form.PostAsync(client, post);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/triage/referral/{reference}", accepted.Headers.Location!.OriginalString, ignoreCase: true);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        var stored = await LoadAsync(app, reference);
        Assert.Equal(ReferralStatus.WaitingForAssessment, stored.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stored.WaitingSinceUtc);
        var screening = Assert.Single(stored.Screenings);
        Assert.Equal((ScreeningOutcome.Accept, user.Id, "Spoke to them on Monday."), (screening.Outcome, screening.ByUserId, screening.Notes));
        Assert.All(screening.Results, r => Assert.Equal(r.Kind == CriterionKind.Inclusion, r.Met));
        Assert.Equal([ReferralStatus.Screening, ReferralStatus.WaitingForAssessment], stored.StatusChanges.OrderBy(c => c.Id).Select(c => c.To));
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == reference && a.UserId == user.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(1, actions.Count(a => a == AuditActions.ScreeningStarted));
        Assert.Equal(1, actions.Count(a => a == AuditActions.Screened));
    }

    [Fact]
    public async Task A_coordinator_cannot_accept_when_an_exclusion_applies_and_keeps_every_answer()
    {
        var reference = await InScreeningAsync(app);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        var form = await HtmlForm.GetAsync(client, Url(reference, "screening"));
        var post = Checklist(criteria, exclusionApplies: true).With("Input.Outcome", "Accept").With("Input.Notes", "They said it stopped last year.");

        var response = await form.PostAsync(client, post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(
            ["An exclusion criterion is met (\"Current domestic abuse or coercive control\"): only a supervisor can accept this referral, recording why. Refer it to a supervisor, or record it as not suitable."],
            HtmlForm.ErrorSummary(page));
        for (var i = 0; i < criteria.Count; i++)
        {
            Assert.Equal(post[$"Input.Answers[{i}].Met"], Checked(page, $"Input.Answers[{i}].Met"));
        }
        Assert.Equal("Accept", Checked(page, "Input.Outcome"));
        Assert.Equal("They said it stopped last year.", TextArea(page, "Input_Notes"));
        var stored = await LoadAsync(app, reference);
        Assert.Equal(ReferralStatus.Screening, stored.Status);
        Assert.Empty(stored.Screenings);
    }

    [Fact]
    public async Task Unanswered_criteria_and_a_missing_outcome_are_shown_in_the_error_summary()
    {
        var reference = await InScreeningAsync(app);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        var form = await HtmlForm.GetAsync(client, Url(reference, "screening"));

        var noOutcome = await HtmlForm.ParseAsync(await form.PostAsync(client, Checklist(criteria)));
        var nothing = await HtmlForm.ParseAsync(await form.PostAsync(client, Checklist(criteria).With("Input.Answers[0].Met", null).With("Input.Answers[4].Met", null)));
        var unanswered = await HtmlForm.ParseAsync(await form.PostAsync(client, Checklist(criteria).With("Input.Answers[1].Met", null).With("Input.Outcome", "ReferToSupervisor")));

        Assert.Equal(["Select the outcome of screening"], HtmlForm.ErrorSummary(noOutcome));
        // Everything to fix is listed at once, in the order of the form.
        Assert.Equal([$"Say whether \"{criteria[0].Text}\" is met", $"Say whether \"{criteria[4].Text}\" applies", "Select the outcome of screening"], HtmlForm.ErrorSummary(nothing));
        Assert.Equal([$"Say whether \"{criteria[1].Text}\" is met"], HtmlForm.ErrorSummary(unanswered));
        Assert.NotNull(unanswered.QuerySelector(unanswered.QuerySelector(".nhsuk-error-summary__list a")!.GetAttribute("href")!));
        Assert.Empty((await LoadAsync(app, reference)).Screenings);
    }

    [Fact]
    public async Task A_supervisor_overrides_a_screening_referred_to_them_giving_the_reason()
    {
        var reference = await InScreeningAsync(app);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        var coordinator = await app.SignedInClientAsync(Roles.Coordinator);
        var referred = await (await HtmlForm.GetAsync(coordinator, Url(reference, "screening")))
            .PostAsync(coordinator, Checklist(criteria, exclusionApplies: true).With("Input.Outcome", "ReferToSupervisor").With("Input.Notes", "Past incident?"));
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);

        var supervisorUser = await app.CreateUserAsync(Roles.Supervisor);
        var supervisor = await TriageData.SignInAsync(app, supervisorUser.Email!);
        var list = await HtmlForm.ParseAsync(await supervisor.GetAsync("/triage/screening/supervisor"));
        Assert.NotNull(list.QuerySelector($"[data-testid=reviews] a[href='/triage/referral/{reference}/screening']"));

        var form = await HtmlForm.GetAsync(supervisor, Url(reference, "screening"));
        Assert.NotNull(form.Document.QuerySelector("[data-testid=awaiting-supervisor]"));
        Assert.NotNull(form.Document.QuerySelector("#Input_OverrideReason"));
        // The coordinator's ticks are filled in.
        Assert.Equal("true", Checked(form.Document, $"Input.Answers[{criteria.FindIndex(c => c.Kind == CriterionKind.Exclusion)}].Met"));

        var noReason = await HtmlForm.ParseAsync(await form.PostAsync(supervisor, new() { ["Input.Outcome"] = "Accept" }));
        Assert.Equal(["Give the reason for accepting this referral although the criteria are not all satisfied"], HtmlForm.ErrorSummary(noReason));

        var accepted = await form.PostAsync(supervisor, new() { ["Input.Outcome"] = "Accept", ["Input.OverrideReason"] = "Incident 10 years ago; safeguarding closed." });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = await LoadAsync(app, reference);
        Assert.Equal((ReferralStatus.WaitingForAssessment, false), (stored.Status, stored.AwaitingSupervisor));
        var last = stored.Screenings.OrderBy(s => s.Id).Last();
        Assert.Equal(2, stored.Screenings.Count);
        Assert.Equal((supervisorUser.Id, "Incident 10 years ago; safeguarding closed."), (last.OverrideByUserId, last.OverrideReason));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ScreeningOverride && a.EntityId == reference));
        Assert.Equal(supervisorUser.Id, audit.UserId);
        Assert.Null(audit.Detail);
        var emptyList = await HtmlForm.ParseAsync(await supervisor.GetAsync("/triage/screening/supervisor"));
        Assert.Null(emptyList.QuerySelector($"a[href='/triage/referral/{reference}/screening']"));
    }

    [Fact]
    public async Task Not_suitable_at_screening_closes_with_signposting_and_emails_the_person_and_the_referrer_without_clinical_details()
    {
        var reference = await InScreeningAsync(app, parents: true);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.ParentsInConflict);
        var services = await SignpostingIdsAsync(app, "Relate", "Family Lives");
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference, "screening"));
        var post = Checklist(criteria, exclusionApplies: true)
            .With("Input.Outcome", "NotSuitable")
            .With("Input.NotSuitable.Reason", "MetExclusionCriterion")
            .With("Input.NotSuitable.SignpostingIds", string.Join("|", services))
            .With("Input.Notes", "Ongoing violence disclosed on the phone.");

        // The preview shows the person's email and saves nothing.
        var preview = await client.PostAsync($"{Url(reference, "screening")}?handler=Preview", new FormUrlEncodedContent(
            form.CurrentFields().Where(f => !post.ContainsKey(f.Key)).Concat(post.SelectMany(kv => kv.Value!.Split('|').Select(v => new KeyValuePair<string, string>(kv.Key, v))))));
        var previewPage = await HtmlForm.ParseAsync(preview);
        Assert.Contains("Family Lives", previewPage.QuerySelector("[data-testid=preview]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, previewPage.QuerySelectorAll("input[name='Input.NotSuitable.SignpostingIds']:checked").Length);
        Assert.Equal(ReferralStatus.Screening, (await LoadAsync(app, reference)).Status);

        var response = await form.PostAsync(client, post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(app, reference);
        Assert.Equal((ReferralStatus.NotSuitable, ClosureReason.MetExclusionCriterion), (stored.Status, stored.ClosureReason));
        Assert.Equal(services.Order(), stored.Signposting.Select(s => s.SignpostingEntryId).Order());
        var mail = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains(reference)).ToListAsync());
        var person = Assert.Single(mail, m => m.Kind == OutcomeEmails.NotSuitableKind);
        var referrer = Assert.Single(mail, m => m.Kind == OutcomeEmails.ReferrerNotSuitableKind);
        Assert.Equal(("client@example.com", "sam.sw@borough.example"), (person.ToAddress, referrer.ToAddress));
        foreach (var body in new[] { person.BodyText, referrer.BodyText })
        {
            Assert.Contains(reference, body, StringComparison.Ordinal);
            Assert.Contains("Relate", body, StringComparison.Ordinal);
            Assert.Contains("0808 800 2222", body, StringComparison.Ordinal);
            Assert.DoesNotContain("violence", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("argue", body, StringComparison.Ordinal);
            Assert.DoesNotContain("exclusion", body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Samaritans", person.BodyText, StringComparison.Ordinal);
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.NotSuitable && a.EntityId == reference));
        Assert.DoesNotContain("violence", audit.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_not_suitable_step_does_not_email_someone_who_may_be_living_with_abuse()
    {
        var reference = await InScreeningAsync(app, parents: true, risk: true);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference, "not-suitable"));
        Assert.Contains("will not be emailed", form.Document.QuerySelector("[data-testid=who-is-told]")!.TextContent, StringComparison.Ordinal);

        var missing = await HtmlForm.ParseAsync(await form.PostAsync(client, new() { ["Input.NotSuitable.Reason"] = "Other" }));
        Assert.Equal(["Give the reason the referral is not suitable in the note"], HtmlForm.ErrorSummary(missing));

        var response = await form.PostAsync(client, new()
        {
            ["Input.NotSuitable.Reason"] = "RiskTooHigh",
            ["Input.NotSuitable.SignpostingIds"] = string.Join("|", await SignpostingIdsAsync(app, "National Domestic Abuse Helpline (Refuge)")),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await LoadAsync(app, reference);
        Assert.Equal((ReferralStatus.NotSuitable, ClosureReason.RiskTooHigh), (stored.Status, stored.ClosureReason));
        Assert.Single(stored.Signposting);
        var mail = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains(reference)).ToListAsync());
        Assert.DoesNotContain(mail, m => m.Kind == OutcomeEmails.NotSuitableKind);
        Assert.Equal("sam.sw@borough.example", Assert.Single(mail, m => m.Kind == OutcomeEmails.ReferrerNotSuitableKind).ToAddress);
    }

    [Fact]
    public async Task A_stale_screening_form_is_refused_with_a_conflict_message_and_the_values_kept()
    {
        var reference = await InScreeningAsync(app);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        var first = await app.SignedInClientAsync(Roles.Coordinator);
        var second = await app.SignedInClientAsync(Roles.Coordinator);
        var firstForm = await HtmlForm.GetAsync(first, Url(reference, "screening"));
        var secondForm = await HtmlForm.GetAsync(second, Url(reference, "screening"));
        Assert.Equal(HttpStatusCode.Redirect, (await firstForm.PostAsync(first, Checklist(criteria, true).With("Input.Outcome", "ReferToSupervisor"))).StatusCode);

        var response = await secondForm.PostAsync(second, Checklist(criteria).With("Input.Outcome", "Accept").With("Input.Notes", "All fine."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal([new ConcurrencyConflictException().Message], HtmlForm.ErrorSummary(page));
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Equal("All fine.", TextArea(page, "Input_Notes"));
        Assert.Equal("Accept", Checked(page, "Input.Outcome"));
        var stored = await LoadAsync(app, reference);
        Assert.Equal(ScreeningOutcome.ReferToSupervisor, Assert.Single(stored.Screenings).Outcome);
        Assert.Equal(ReferralStatus.Screening, stored.Status);
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_gets_404_and_an_audit_entry_on_every_page()
    {
        var reference = await WaitingForPanelAsync(app);
        var screening = await InScreeningAsync(app, parents: true);
        var meeting = await PanelHttpTests.CreateMeetingAsync(app, reference);
        var user = await StaffProgrammeCoordinatorAsync();
        var client = await TriageData.SignInAsync(app, user.Email!);

        foreach (var (url, audited) in new[]
        {
            (Url(screening, "start-screening"), screening),
            (Url(screening, "screening"), screening),
            (Url(screening, "not-suitable"), screening),
            (Url(reference, "suitability"), reference),
            ($"/triage/panel/{meeting}/case/{reference}", reference),
        })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
            Assert.Contains(await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.UserId == user.Id && a.EntityId == audited).Select(a => a.Action).ToListAsync()),
                a => a == AuditActions.ReferralAccessDenied);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/triage/panel/{meeting}")).StatusCode);
        Assert.True(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == user.Id && a.Action == AuditActions.PanelAccessDenied && a.EntityId == meeting.ToString())));

        // A post is refused the same way and changes nothing.
        var own = await HtmlForm.GetAsync(client, Url(await SubmitAsync(app), "start-screening"));
        var posted = await client.PostAsync(Url(screening, "start-screening"), new FormUrlEncodedContent(own.CurrentFields()));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        // The panels page shows no panel to someone without a programme that has one; the waiting referral is not listed.
        var panels = await client.GetAsync("/triage/panel");
        Assert.Equal(HttpStatusCode.OK, panels.StatusCode);
        Assert.DoesNotContain(reference, await panels.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await LoadAsync(app, screening)).StatusChanges);
    }

    private static int coordinators;

    /// <summary>A coordinator assigned to the staff programme only.</summary>
    private Task<StaffUser> StaffProgrammeCoordinatorAsync() =>
        TestSupport.TestHost.CreateCoordinatorAsync(app.Services, 9000 + Interlocked.Increment(ref coordinators), [ReferenceDataSeeder.NhsStaff]);

    [Theory]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    public async Task Other_roles_are_refused_every_page(string role)
    {
        var reference = await InScreeningAsync(app);
        var client = await app.SignedInClientAsync(role);

        foreach (var url in new[] { Url(reference, "start-screening"), Url(reference, "screening"), Url(reference, "suitability"), Url(reference, "not-suitable"),
                     "/triage/screening/supervisor", "/triage/panel", "/triage/panel/new", "/triage/panel/1", $"/triage/panel/1/case/{reference}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        Assert.False(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == reference && a.Action == AuditActions.ReferralViewed)));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/triage/panel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath, ignoreCase: true);
    }
}
