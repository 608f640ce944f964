using AngleSharp.Dom;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using static RelationshipSupport.Tests.Screening.ScreeningData;

namespace RelationshipSupport.Tests.Screening;

/// <summary>The parents' programme through real HTTP: screening, initial suitability review, a panel meeting and its decisions.</summary>
public sealed class PanelHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static int meetingDays;

    /// <summary>A meeting of the parents' panel (on a day no other test uses) with <paramref name="reference"/> on its list; returns its id.</summary>
    public static async Task<int> CreateMeetingAsync(TestApp app, params string[] references)
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var date = new DateOnly(2026, 6, 1).AddDays(Interlocked.Increment(ref meetingDays));
        var created = await app.SendAsync(new CreatePanelMeeting.Command
        {
            ProgrammeCode = ReferenceDataSeeder.ParentsInConflict,
            Date = DateInput.From(date),
            Members = "Dr Lead, clinical lead\nHead of Service",
            ClinicalLeadName = "Dr Lead",
        }, supervisor, [Roles.Supervisor]);
        if (references.Length > 0)
        {
            var stamp = await app.QueryDbAsync(db => db.PanelMeetings.Where(m => m.Id == created.MeetingId).Select(m => m.ConcurrencyStamp).SingleAsync());
            await app.SendAsync(new AddPanelCases.Command { MeetingId = created.MeetingId, ConcurrencyStamp = stamp, References = [.. references] }, supervisor, [Roles.Supervisor]);
        }
        return created.MeetingId;
    }

    [Fact]
    public async Task A_parents_referral_goes_from_screening_through_suitability_review_and_the_panel_to_the_waiting_list()
    {
        var reference = await InScreeningAsync(app, parents: true);
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.ParentsInConflict);
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var client = await Triage.TriageData.SignInAsync(app, user.Email!);

        var screened = await (await HtmlForm.GetAsync(client, Url(reference, "screening"))).PostAsync(client, Checklist(criteria).With("Input.Outcome", "Accept"));
        Assert.Equal(HttpStatusCode.Redirect, screened.StatusCode);
        Assert.Equal(ReferralStatus.SuitabilityReview, (await LoadAsync(app, reference)).Status);

        var review = await HtmlForm.GetAsync(client, Url(reference, "suitability"));
        Assert.NotNull(review.Document.QuerySelector("[data-testid=last-screening]"));
        Assert.Equal(HttpStatusCode.Redirect, (await review.PostAsync(client, new() { ["Input.Suitable"] = "true" })).StatusCode);
        Assert.Equal(ReferralStatus.ScreeningPanel, (await LoadAsync(app, reference)).Status);

        var panels = await HtmlForm.ParseAsync(await client.GetAsync("/triage/panel"));
        Assert.NotNull(panels.QuerySelector($"[data-testid=panel-parents-in-conflict] [data-testid=waiting] a[href='/triage/referral/{reference}']"));
        Assert.Null(panels.QuerySelector("[data-testid=panel-nhs-staff]"));

        var newMeeting = await HtmlForm.GetAsync(client, "/triage/panel/new");
        var meetingPost = new Dictionary<string, string?>
        {
            ["Input.ProgrammeCode"] = ReferenceDataSeeder.ParentsInConflict,
            ["Input.Date.Day"] = "30", ["Input.Date.Month"] = "11", ["Input.Date.Year"] = "2026",
            ["Input.Members"] = "Dr Jo Lead, clinical lead\n\n  Pat Head, head of service  ",
            ["Input.ClinicalLeadName"] = "Dr Jo Lead",
        };
        var created = await newMeeting.PostAsync(client, meetingPost);
        var createdAgain = await newMeeting.PostAsync(client, meetingPost);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(created.Headers.Location, createdAgain.Headers.Location);
        var meetingUrl = created.Headers.Location!.OriginalString;
        var meetingId = int.Parse(meetingUrl.Split('/').Last(), CultureInfo.InvariantCulture);
        var meeting = await app.QueryDbAsync(db => db.PanelMeetings.SingleAsync(m => m.Id == meetingId));
        Assert.Equal(("Dr Jo Lead, clinical lead\nPat Head, head of service", new DateOnly(2026, 11, 30)), (meeting.Members, meeting.MeetingDate));

        var add = await HtmlForm.GetAsync(client, meetingUrl);
        var addPost = new Dictionary<string, string?> { ["Input.References"] = reference };
        Assert.Equal(HttpStatusCode.Redirect, (await add.PostAsync(client, addPost)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await add.PostAsync(client, addPost)).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.PanelCases.CountAsync(c => c.PanelMeetingId == meetingId)));
        var listed = await HtmlForm.ParseAsync(await client.GetAsync("/triage/panel"));
        Assert.Null(listed.QuerySelector($"[data-testid=waiting] a[href='/triage/referral/{reference}']"));

        var decision = await HtmlForm.GetAsync(client, $"/triage/panel/{meetingId}/case/{reference}");
        Assert.Equal("Dr Jo Lead", decision.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_DecidedByName")!.Value);
        var decided = await decision.PostAsync(client, new() { ["Input.Decision"] = "Accepted", ["Input.DecidedByName"] = "Dr Deputy Lead" });

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var stored = await LoadAsync(app, reference);
        Assert.Equal(ReferralStatus.WaitingForAssessment, stored.Status);
        Assert.NotNull(stored.WaitingSinceUtc);
        var panelCase = await app.QueryDbAsync(db => db.PanelCases.SingleAsync(c => c.PanelMeetingId == meetingId));
        Assert.Equal((PanelDecision.Accepted, "Dr Deputy Lead", user.Id), (panelCase.Decision, panelCase.DecidedByName, panelCase.RecordedByUserId));
        var page = await HtmlForm.ParseAsync(await client.GetAsync(meetingUrl));
        Assert.Equal("Accepted", page.QuerySelector($"tr[data-reference='{reference}'] [data-testid=decision]")!.TextContent.Trim());
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.UserId == user.Id).Select(a => a.Action).ToListAsync());
        foreach (var action in new[] { AuditActions.Screened, AuditActions.SuitabilityReviewed, AuditActions.PanelMeetingCreated, AuditActions.PanelCaseAdded, AuditActions.PanelDecisionRecorded })
        {
            Assert.Equal(1, actions.Count(a => a == action));
        }
    }

    [Fact]
    public async Task The_panel_can_find_a_case_not_suitable_or_defer_it_and_a_stale_meeting_form_is_refused()
    {
        var unsuitable = await WaitingForPanelAsync(app);
        var deferred = await WaitingForPanelAsync(app);
        var meetingId = await CreateMeetingAsync(app, unsuitable, deferred);
        var first = await app.SignedInClientAsync(Roles.Supervisor);
        var second = await app.SignedInClientAsync(Roles.Coordinator);
        var firstForm = await HtmlForm.GetAsync(first, $"/triage/panel/{meetingId}/case/{unsuitable}");
        var secondForm = await HtmlForm.GetAsync(second, $"/triage/panel/{meetingId}/case/{deferred}");

        var missingNote = await HtmlForm.ParseAsync(await secondForm.PostAsync(second, new() { ["Input.Decision"] = "Deferred" }));
        Assert.Equal(["Say what the panel needs before it can decide"], HtmlForm.ErrorSummary(missingNote));

        var closed = await firstForm.PostAsync(first, new()
        {
            ["Input.Decision"] = "NotSuitable",
            ["Input.NotSuitable.Reason"] = "RiskTooHigh",
            ["Input.NotSuitable.SignpostingIds"] = string.Join("|", await SignpostingIdsAsync(app, "Family Lives")),
        });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        // The second user's page was loaded before the first decision: refused, values kept.
        var stale = await secondForm.PostAsync(second, new() { ["Input.Decision"] = "Deferred", ["Input.Note"] = "Needs the social worker's risk assessment." });
        var stalePage = await HtmlForm.ParseAsync(stale);
        Assert.Equal([new ConcurrencyConflictException().Message], HtmlForm.ErrorSummary(stalePage));
        Assert.Equal("Deferred", Checked(stalePage, "Input.Decision"));
        Assert.Equal("Needs the social worker's risk assessment.", TextArea(stalePage, "Input_Note"));
        Assert.Equal(PanelDecision.Pending, await app.QueryDbAsync(db => db.PanelCases.Where(c => c.PanelMeetingId == meetingId && c.ReferralId == db.Referrals.Single(r => r.Reference == deferred).Id).Select(c => c.Decision).SingleAsync()));

        var retry = await HtmlForm.FromResponse(stalePage, $"/triage/panel/{meetingId}/case/{deferred}").PostAsync(second, []);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);

        var closedReferral = await LoadAsync(app, unsuitable);
        Assert.Equal((ReferralStatus.NotSuitable, ClosureReason.RiskTooHigh), (closedReferral.Status, closedReferral.ClosureReason));
        Assert.Single(closedReferral.Signposting);
        Assert.Equal(2, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.Contains(unsuitable) && (m.Kind == OutcomeEmails.NotSuitableKind || m.Kind == OutcomeEmails.ReferrerNotSuitableKind))));
        Assert.Equal(ReferralStatus.ScreeningPanel, (await LoadAsync(app, deferred)).Status);
        // Deferred, it waits for a later meeting again.
        var panels = await HtmlForm.ParseAsync(await second.GetAsync("/triage/panel"));
        Assert.NotNull(panels.QuerySelector($"[data-testid=waiting] a[href='/triage/referral/{deferred}']"));
    }
}
