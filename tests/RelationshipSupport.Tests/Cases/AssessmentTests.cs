using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;
using RelationshipSupport.Tests.Waiting;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Cases;

/// <summary>
/// Supervised assessment over real HTTP: start, draft, submit, return, fix, sign off, offer therapy; refusals; risk
/// alerts; what oversight users see.
/// </summary>
public sealed class AssessmentTests(TestApp app) : IClassFixture<TestApp>
{
    private static Dictionary<string, string?> Complete(string action = "submit", RiskLevel abuse = RiskLevel.None)
    {
        var values = new Dictionary<string, string?>
        {
            ["Input.HeldOn.Day"] = "30",
            ["Input.HeldOn.Month"] = "10",
            ["Input.HeldOn.Year"] = "2026",
            ["Input.Mode"] = "Video",
            ["Input.PresentingIssue"] = "Constant rows about night shifts",
            ["Input.RelationshipHistory"] = "Together eight years",
            ["Input.Children"] = "Two, aged 4 and 7",
            ["Input.ExpectationsAgreed"] = "Weekly sessions, both attend",
            ["Input.Goals"] = "Talk without shouting",
            ["Input.Recommendation"] = "OfferTherapy",
            ["action"] = action,
        };
        var areas = Enum.GetValues<RiskArea>();
        for (var i = 0; i < areas.Length; i++)
        {
            values[$"Input.Risks[{i}].Level"] = areas[i] == RiskArea.DomesticAbuse ? abuse.ToString() : "None";
        }
        return values;
    }

    private async Task<(StaffUser Supervisor, StaffUser Therapist, string Reference, HttpClient Client)> AllocatedCaseAsync(string? lastName = null)
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist, lastName: lastName);
        return (supervisor, therapist, reference, await TriageData.SignInAsync(app, therapist.Email!));
    }

    /// <summary>Starts the case's first required assessment from the overview and returns the edit page's url.</summary>
    private static async Task<string> StartAsync(HttpClient client, string reference)
    {
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}", "[data-testid=assessments] form");
        var started = await form.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Draft_submit_return_fix_submit_sign_off_and_offer_therapy()
    {
        var (supervisor, therapist, reference, client) = await AllocatedCaseAsync();
        var url = await StartAsync(client, reference);
        Assert.Matches($"^/cases/{reference}/assessments/\\d+$", url);
        var id = int.Parse(url.Split('/').Last());

        // A draft can be saved incomplete.
        var form = await HtmlForm.GetAsync(client, url);
        AssertWellFormed(form.Document);
        var draft = await form.PostAsync(client, new() { ["Input.PresentingIssue"] = "Rows about shifts", ["action"] = "save" });
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(AssessmentStatus.Draft, await StatusAsync(id));

        form = await HtmlForm.GetAsync(client, url);
        Assert.Equal("Rows about shifts", form.Document.QuerySelector("textarea[name='Input.PresentingIssue']")!.TextContent);
        var submitted = await form.PostAsync(client, Complete());
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(AssessmentStatus.Submitted, await StatusAsync(id));

        // The supervisor returns it with comments; a return without comments is refused.
        var supervisorClient = await TriageData.SignInAsync(app, supervisor.Email!);
        var review = await HtmlForm.GetAsync(supervisorClient, $"/cases/{reference}/assessments/{id}/review");
        Assert.Contains("Constant rows about night shifts", review.Document.QuerySelector("[data-testid=presenting-issue]")!.TextContent);
        AssertWellFormed(review.Document);
        AssertWellFormed(await HtmlForm.ParseAsync(await supervisorClient.GetAsync("/cases")));
        AssertWellFormed(await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}")));
        var noComment = await review.PostAsync(supervisorClient, new() { ["Input.Decision"] = "Return" });
        Assert.Equal(["Enter your comments: say what needs to change"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(noComment)));
        var returned = await review.PostAsync(supervisorClient, new() { ["Input.Decision"] = "Return", ["Input.Comments"] = "Say more about the goals" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(AssessmentStatus.Returned, await StatusAsync(id));

        // The therapist sees the comments, fixes it and submits again.
        var caseload = await HtmlForm.ParseAsync(await client.GetAsync("/cases"));
        Assert.Contains("Assessment returned", caseload.QuerySelector($"tr[data-reference='{reference}'] [data-testid=alerts]")!.TextContent);
        form = await HtmlForm.GetAsync(client, url);
        Assert.Contains("Say more about the goals", form.Document.QuerySelector("[data-testid=supervisor-comments]")!.TextContent);
        var values = Complete();
        values["Input.Goals"] = "Talk without shouting; agree a rota for the children";
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, values)).StatusCode);

        // The therapist cannot sign it off (403), and there is no offer yet.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/cases/{reference}/assessments/{id}/review")).StatusCode);
        var overview = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}"));
        Assert.Null(overview.QuerySelector("[data-testid=offer-form]"));

        review = await HtmlForm.GetAsync(supervisorClient, $"/cases/{reference}/assessments/{id}/review");
        var signed = await review.PostAsync(supervisorClient, new() { ["Input.Decision"] = "SignOff" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal(AssessmentStatus.SignedOff, await StatusAsync(id));

        var offer = await HtmlForm.GetAsync(client, $"/cases/{reference}", "[data-testid=offer-form]");
        var offered = await offer.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var again = await offer.PostAsync(client, []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(ReferralStatus.InTherapy, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync()));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.TherapyOffered && a.EntityId == reference)));
        var actions = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Assessment" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.AssessmentViewed, actions);
        Assert.Equal(2, actions.Count(a => a == AuditActions.AssessmentSubmitted));
        Assert.Single(actions, AuditActions.AssessmentReturned);
        Assert.Single(actions, AuditActions.AssessmentSignedOff);
    }

    [Fact]
    public async Task Submitting_an_incomplete_assessment_shows_the_errors_and_keeps_the_values()
    {
        var (_, _, reference, client) = await AllocatedCaseAsync();
        var url = await StartAsync(client, reference);
        var form = await HtmlForm.GetAsync(client, url);
        var values = Complete();
        values["Input.Goals"] = "";
        values["Input.Risks[2].Level"] = null;
        var response = await form.PostAsync(client, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        var errors = HtmlForm.ErrorSummary(page);
        Assert.Contains("Enter the goals", errors);
        Assert.Contains("Select a risk level for harm to others", errors);
        Assert.Equal("Constant rows about night shifts", page.QuerySelector("textarea[name='Input.PresentingIssue']")!.TextContent);
        Assert.Equal("30", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.HeldOn.Day']")!.Value);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Mode'][value=Video]")!.IsChecked);
        Assert.Equal(AssessmentStatus.Draft, await StatusAsync(int.Parse(url.Split('/').Last())));
    }

    [Fact]
    public async Task The_individual_assessment_records_the_persons_evaluation_demographics_and_refuses_a_bad_length()
    {
        var (_, _, reference, client) = await AllocatedCaseAsync();
        // One client seen alone: the programme asks for an individual assessment of that person.
        await WaitingData.WithReferralAsync(app, reference, (referral, _) =>
        {
            referral.ClientType = ClientType.Individual;
            referral.People.RemoveAll(p => p.Role == PersonRole.Partner);
        });
        var url = await StartAsync(client, reference);
        var form = await HtmlForm.GetAsync(client, url);
        Assert.NotNull(form.Form.QuerySelector("select[name='Input.MaritalStatus']"));

        var bad = Complete("save");
        bad["Input.RelationshipLengthYears"] = "eight";
        bad["Input.Employment"] = "PartTime";
        var refused = await form.PostAsync(client, bad);
        var page = await HtmlForm.ParseAsync(refused);
        Assert.Contains("Enter the length of the relationship in whole years, from 0 to 80", HtmlForm.ErrorSummary(page));
        Assert.Equal("eight", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.RelationshipLengthYears']")!.Value);
        Assert.Equal("PartTime", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name='Input.Employment']")!.Value);

        var good = Complete("save");
        good["Input.MaritalStatus"] = "Cohabiting";
        good["Input.RelationshipLengthYears"] = " 8 ";
        good["Input.HighestQualification"] = "Postgraduate";
        good["Input.Employment"] = "PartTime";
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.FromResponse(page, url).PostAsync(client, good)).StatusCode);

        var id = int.Parse(url.Split('/').Last());
        var person = await app.QueryDbAsync(db => db.ReferralPeople.SingleAsync(p => db.Assessments.Any(a => a.Id == id && a.PersonId == p.Id)));
        Assert.Equal((MaritalStatus.Cohabiting, 8, Qualification.Postgraduate, Employment.PartTime),
            (person.MaritalStatus, person.RelationshipLengthYears, person.HighestQualification, person.Employment));
        // Shown again when the draft is opened.
        var reopened = await HtmlForm.GetAsync(client, url);
        Assert.Equal("8", reopened.Form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.RelationshipLengthYears']")!.Value);
    }

    [Fact]
    public async Task A_double_submit_makes_one_change()
    {
        var (_, _, reference, client) = await AllocatedCaseAsync();
        var url = await StartAsync(client, reference);
        var id = int.Parse(url.Split('/').Last());
        var form = await HtmlForm.GetAsync(client, url);
        var first = await form.PostAsync(client, Complete());
        var second = await form.PostAsync(client, Complete());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var submittedAt = await app.QueryDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.SubmittedAtUtc).SingleAsync());
        Assert.NotNull(submittedAt);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AssessmentSubmitted && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task High_risk_raises_one_alert_and_one_email_to_the_supervisor_without_clinical_detail()
    {
        var lastName = TestReferrals.UniqueName("Risky");
        var (supervisor, _, reference, client) = await AllocatedCaseAsync(lastName);
        var url = await StartAsync(client, reference);
        var id = int.Parse(url.Split('/').Last());

        var form = await HtmlForm.GetAsync(client, url);
        var saved = await form.PostAsync(client, Complete("save", RiskLevel.High));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("supervisor has been alerted", page.QuerySelector("[data-testid=success]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=supervisor-alerted]"));

        // Saving again and submitting raise no second alert.
        form = HtmlForm.FromResponse(page, url);
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, Complete("submit", RiskLevel.High))).StatusCode);

        var alerts = await app.QueryDbAsync(db => db.RiskAlerts.Where(a => a.Source == RiskAlertSource.Assessment && a.SourceId == id).ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.Equal((RiskArea.DomesticAbuse, RiskLevel.High, supervisor.Id), (alert.Area, alert.Level, alert.SupervisorUserId));
        var mails = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Kind == RiskAlertNotifier.EmailKind && m.BodyText.Contains(reference)).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal(supervisor.Email, mail.ToAddress);
        Assert.DoesNotContain(lastName, mail.BodyText + mail.Subject);
        Assert.DoesNotContain("Jordan", mail.BodyText);
        Assert.DoesNotContain("abuse", mail.BodyText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("High", mail.BodyText + mail.Subject, StringComparison.Ordinal);
        // Nor is any of the assessment's text in the logs or the audit trail.
        Assert.DoesNotContain(app.Logs.RenderedLines(), l => l.Contains("Constant rows about night shifts", StringComparison.Ordinal) || l.Contains(lastName, StringComparison.Ordinal));
        Assert.False(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Detail != null && a.Detail.Contains("night shifts"))));
    }

    [Fact]
    public async Task Another_therapist_gets_404_on_the_case_and_its_assessment_and_each_refusal_is_audited()
    {
        var (_, _, reference, client) = await AllocatedCaseAsync();
        var url = await StartAsync(client, reference);
        var stranger = await CaseData.TherapistAsync(app);
        var strangerClient = await TriageData.SignInAsync(app, stranger.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/cases/{reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync(url)).StatusCode);
        var denied = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == stranger.Id));
        Assert.Equal(2, denied);
    }

    [Fact]
    public async Task A_supervisor_of_another_team_gets_404_on_the_sign_off_page()
    {
        var (_, therapist, reference, client) = await AllocatedCaseAsync();
        var url = await StartAsync(client, reference);
        var form = await HtmlForm.GetAsync(client, url);
        await form.PostAsync(client, Complete());
        var id = int.Parse(url.Split('/').Last());

        var outsider = await app.CreateUserAsync(Roles.Supervisor);
        var outsiderClient = await TriageData.SignInAsync(app, outsider.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/cases/{reference}/assessments/{id}/review")).StatusCode);
        Assert.Equal(AssessmentStatus.Submitted, await StatusAsync(id));
        Assert.NotNull(therapist.SupervisorUserId);
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Coordinator)]
    public async Task Oversight_users_see_the_overview_without_assessment_text_or_risk_detail(string role)
    {
        var (_, _, reference, client) = await AllocatedCaseAsync();
        var url = await StartAsync(client, reference);
        var form = await HtmlForm.GetAsync(client, url);
        await form.PostAsync(client, Complete("submit", RiskLevel.High));

        var viewer = await app.SignedInClientAsync(role);
        var response = await viewer.GetAsync($"/cases/{reference}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForm.ParseAsync(response);
        Assert.DoesNotContain("Constant rows about night shifts", html);
        Assert.DoesNotContain("Domestic abuse", html);
        Assert.NotNull(page.QuerySelector("[data-testid=risk-alert-open]"));
        Assert.Equal("Waiting for sign-off", page.QuerySelector("[data-testid=assessment-status]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector($"a[href='{url}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync(url)).StatusCode);
    }

    /// <summary>No duplicate ids, a label for every visible field, headings in order (what axe would check first).</summary>
    private static void AssertWellFormed(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        foreach (var field in page.QuerySelectorAll("main input:not([type=hidden]), main textarea, main select"))
        {
            Assert.True(field.Id is { Length: > 0 } id && page.QuerySelector($"label[for='{id}']") is not null, $"No label for {field.GetAttribute("name")}");
        }
        var levels = page.QuerySelectorAll("main h1, main h2, main h3, main h4").Select(h => int.Parse(h.TagName[1..])).ToList();
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"Heading h{levels[i]} follows h{levels[i - 1]}");
        }
    }

    private Task<AssessmentStatus> StatusAsync(int id) =>
        app.QueryDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
}
