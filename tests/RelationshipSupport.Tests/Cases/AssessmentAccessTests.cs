using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Cases;

/// <summary>Who may open the overview and assessment pages, several roles at once, and a concurrent edit.</summary>
public sealed class AssessmentAccessTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(StaffUser Supervisor, StaffUser Therapist, string Reference, int AssessmentId)> SubmittedAsync()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (referral, now) =>
        {
            var (kind, personId) = referral.RequiredAssessments(referral.Programme!)[0];
            var assessment = referral.StartAssessment(referral.Programme!, kind, personId, new Actor(therapist.Id, therapist.DisplayName), now);
            CaseData.Complete(assessment);
            assessment.Submit(therapist.Id, now);
        });
        var id = await app.QueryDbAsync(db => db.Assessments.Where(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference)).Select(a => a.Id).SingleAsync());
        return (supervisor, therapist, reference, id);
    }

    [Fact]
    public async Task An_administrator_is_refused_every_page_and_a_coordinator_the_caseload_and_the_sign_off()
    {
        var (_, _, reference, id) = await SubmittedAsync();
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        foreach (var url in new[] { "/cases", $"/cases/{reference}", $"/cases/{reference}/assessments/{id}", $"/cases/{reference}/assessments/{id}/review" })
        {
            Assert.True((await admin.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, url);
        }
        var coordinator = await app.SignedInClientAsync(Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/cases/{reference}/assessments/{id}/review")).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_cannot_sign_off_their_own_assessment()
    {
        // A therapist who is also a supervisor writes the assessment; their own supervisor signs it off, they cannot.
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var both = await app.CreateUserAsync(Roles.Therapist, Roles.Supervisor);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Application.Data.AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == both.Id);
            user.SupervisorUserId = supervisor.Id;
            user.CaseCapacity = 5;
            await db.SaveChangesAsync();
        }
        var reference = await CaseData.AllocatedAsync(app, both);
        await CaseData.WithCaseAsync(app, reference, (referral, now) =>
        {
            var (kind, personId) = referral.RequiredAssessments(referral.Programme!)[0];
            var assessment = referral.StartAssessment(referral.Programme!, kind, personId, new Actor(both.Id, both.DisplayName), now);
            CaseData.Complete(assessment);
            assessment.Submit(both.Id, now);
        });
        var id = await app.QueryDbAsync(db => db.Assessments.Where(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference)).Select(a => a.Id).SingleAsync());

        var client = await TriageData.SignInAsync(app, both.Email!);
        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/assessments/{id}/review"));
        Assert.NotNull(page.QuerySelector("[data-testid=own-assessment]"));
        Assert.Null(page.QuerySelector("main form[method=post]"));
        // Their caseload shows the case as theirs, and not in their sign-off list.
        var caseload = await HtmlForm.ParseAsync(await client.GetAsync("/cases"));
        Assert.NotNull(caseload.QuerySelector($"[data-testid=my-cases] tr[data-reference='{reference}']"));
        Assert.Null(caseload.QuerySelector($"[data-testid=sign-off] [data-reference='{reference}']"));
        Assert.NotNull(caseload.QuerySelector("[data-testid=sign-off]"));
    }

    [Fact]
    public async Task A_save_over_a_newer_version_is_refused_with_the_values_kept()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var start = await HtmlForm.GetAsync(client, $"/cases/{reference}", "[data-testid=assessments] form");
        var url = (await start.PostAsync(client, [])).Headers.Location!.OriginalString;

        var first = await HtmlForm.GetAsync(client, url);
        var second = await HtmlForm.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(client, new() { ["Input.Goals"] = "First tab", ["action"] = "save" })).StatusCode);
        var conflict = await second.PostAsync(client, new() { ["Input.Goals"] = "Second tab", ["action"] = "save" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await HtmlForm.ParseAsync(conflict);
        Assert.Contains(HtmlForm.ErrorSummary(page), e => e.StartsWith("Someone else changed this record", StringComparison.Ordinal));
        Assert.Equal("Second tab", page.QuerySelector("textarea[name='Input.Goals']")!.TextContent);
        var id = int.Parse(url.Split('/').Last());
        Assert.Equal("First tab", await app.QueryDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Goals).SingleAsync()));
    }

    [Fact]
    public async Task A_supervisor_reads_a_submitted_assessment_without_the_edit_form_and_is_pointed_to_the_review()
    {
        var (supervisor, _, reference, id) = await SubmittedAsync();
        var client = await TriageData.SignInAsync(app, supervisor.Email!);
        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/assessments/{id}"));
        Assert.NotNull(page.QuerySelector("[data-testid=assessment-view]"));
        Assert.Null(page.QuerySelector("main form[method=post]"));
        Assert.NotNull(page.QuerySelector($"a[href='/cases/{reference}/assessments/{id}/review']"));
    }
}
