using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Triage;

/// <summary>
/// Coordinators see the programmes and hubs they are assigned to, and nothing else: another programme's referral
/// answers 404 (the same as one that does not exist) and the attempt is audited. Supervisors see every programme.
/// </summary>
public sealed class TriageVisibilityHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static int _n = 5000;

    private static List<string> References(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")!).ToList();

    private async Task<HttpClient> SignInAsync(StaffUser user)
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/account/login");
        var response = await form.PostAsync(client, new() { ["Input.Email"] = user.Email!, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task A_coordinator_of_one_programme_gets_404_for_another_programmes_referral_and_the_refusal_is_audited()
    {
        var lastName = TriageData.UniqueName("Elsewhere");
        var parents = await TriageData.SubmitAsync(app, lastName, professional: true);
        var staff = await TriageData.SubmitAsync(app, lastName);
        var user = await TestHost.CreateCoordinatorAsync(app.Services, Interlocked.Increment(ref _n), [ReferenceDataSeeder.NhsStaff]);
        var client = await SignInAsync(user);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/triage/referral/{staff}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/triage/referral/{parents}")).StatusCode);

        // Posting a contact attempt to it is refused the same way, and nothing is recorded.
        var page = await HtmlForm.GetAsync(client, $"/triage/referral/{staff}");
        var post = await page.PostAsync(client, new() { ["Input.Time"] = "10:00", ["Input.Method"] = "Phone", ["Input.Outcome"] = "NoAnswer" },
            action: $"/triage/referral/{parents}");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var denied = await app.QueryDbAsync(db => db.AuditEntries
            .Where(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == parents && a.UserId == user.Id)
            .Select(a => a.Detail).ToListAsync());
        Assert.Equal(2, denied.Count);
        Assert.All(denied, d => Assert.Equal("not visible to this user", d));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ContactAttempts.CountAsync(c => c.RecordedByUserId == user.Id)));

        // The queue neither lists it nor offers its programme as a filter.
        var queue = await HtmlForm.ParseAsync(await client.GetAsync($"/triage?Search={lastName}"));
        var references = References(queue);
        Assert.Equal([staff], references);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/triage?ProgrammeCode={ReferenceDataSeeder.NhsStaff}")).StatusCode);
        var filtered = await HtmlForm.ParseAsync(await client.GetAsync($"/triage?ProgrammeCode={ReferenceDataSeeder.ParentsInConflict}"));
        Assert.Contains("Select a programme from the list", filtered.QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_coordinator_sees_their_hubs_referrals_only_and_a_supervisor_sees_every_programme()
    {
        var lastName = TriageData.UniqueName("Hubbed");
        var nel = await TriageData.SubmitAsync(app, lastName); // nel-hub
        var otherHub = TestReferrals.Couple(lastName);
        otherHub.HubCode = "swl-hub";
        var swl = (await app.SendAsync(otherHub)).Reference;
        var parents = await TriageData.SubmitAsync(app, lastName, professional: true);

        var hubCoordinator = await TestHost.CreateCoordinatorAsync(app.Services, Interlocked.Increment(ref _n), [], ["nel-hub"]);
        var client = await SignInAsync(hubCoordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/triage/referral/{nel}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/triage/referral/{swl}")).StatusCode);
        var queue = await HtmlForm.ParseAsync(await client.GetAsync($"/triage?Search={lastName}"));
        Assert.Equal([nel], References(queue));

        var supervisor = await app.SignedInClientAsync(Roles.Supervisor);
        var all = await HtmlForm.ParseAsync(await supervisor.GetAsync($"/triage?Search={lastName}"));
        Assert.Equal(new[] { nel, swl, parents }.Order(), References(all).Order());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/triage/referral/{parents}")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_with_no_assignment_sees_an_empty_queue()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Unassigned"));
        var user = await TestHost.CreateCoordinatorAsync(app.Services, Interlocked.Increment(ref _n), []);
        var client = await SignInAsync(user);

        var queue = await HtmlForm.ParseAsync(await client.GetAsync("/triage"));
        Assert.Empty(References(queue));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/triage/referral/{reference}")).StatusCode);
    }
}
