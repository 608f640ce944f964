using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Waiting;

/// <summary>Priority (supervisors only), and who may open the waiting-list pages at all.</summary>
public sealed class PriorityAndAccessTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] ReferralPages = ["priority", "allocate", "duplicates", "close-no-response", "withdraw"];

    [Fact]
    public async Task A_supervisor_sets_a_priority_with_a_reason_and_a_coordinator_sees_it_but_cannot_change_it()
    {
        var reference = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Priority"));
        await WaitingData.PlaceOnWaitingListAsync(app, reference);
        var url = $"/triage/referral/{reference}/priority";
        var supervisor = await app.SignedInClientAsync(Roles.Supervisor);
        var form = await HtmlForm.GetAsync(supervisor, url);

        var missingReason = await form.PostAsync(supervisor, new() { ["Input.IsPriority"] = "true" });
        Assert.Equal(["Enter the reason this referral is a priority"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(missingReason)));

        var saved = await form.PostAsync(supervisor, new() { ["Input.IsPriority"] = "true", ["Input.Reason"] = "Safeguarding plan review in two weeks" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var referral = await app.QueryDbAsync(db => db.Referrals.SingleAsync(r => r.Reference == reference));
        Assert.Equal((true, "Safeguarding plan review in two weeks"), (referral.IsPriority, referral.PriorityReason));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.PrioritySet && a.EntityId == reference));
        Assert.Equal("priority=yes", audit.Detail);

        // A coordinator sees it, has no form, and a post is refused (and so is the request itself).
        var coordinator = await app.SignedInClientAsync(Roles.Coordinator);
        var page = await HtmlForm.ParseAsync(await coordinator.GetAsync(url));
        Assert.Equal("Yes", page.QuerySelector("[data-testid=priority]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=supervisor-only]"));
        Assert.Null(page.QuerySelector("main form[method=post]"));
        // The form of another page gives a valid antiforgery token; posted to this page it is refused.
        var withdraw = await HtmlForm.GetAsync(coordinator, $"/triage/referral/{reference}/withdraw");
        var token = withdraw.CurrentFields().Single(f => f.Key == "__RequestVerificationToken");
        var posted = await coordinator.PostAsync(url, new FormUrlEncodedContent(
            [token, new("Input.IsPriority", "false"), new("Input.ConcurrencyStamp", referral.ConcurrencyStamp.ToString())]));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var refusal = await Assert.ThrowsAsync<RelationshipSupport.Domain.DomainException>(() => app.SendAsync(
            new SetReferralPriority.Command { Reference = reference, ConcurrencyStamp = referral.ConcurrencyStamp, IsPriority = false }, user, [Roles.Coordinator]));
        Assert.Equal("Only a supervisor can set a referral's priority.", refusal.Message);
        Assert.True(await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.IsPriority).SingleAsync()));
    }

    [Fact]
    public async Task A_coordinator_not_assigned_to_the_programme_gets_404_on_every_page_and_each_attempt_is_audited()
    {
        var reference = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Hidden"));
        await WaitingData.PlaceOnWaitingListAsync(app, reference);
        var outsider = await TestHost.CreateCoordinatorAsync(app.Services, 8001, [ReferenceDataSeeder.ParentsInConflict]);
        var client = await Triage.TriageData.SignInAsync(app, outsider.Email!);

        foreach (var page in ReferralPages)
        {
            var response = await client.GetAsync($"/triage/referral/{reference}/{page}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{page} answered {(int)response.StatusCode}");
        }

        var denied = await app.QueryDbAsync(db => db.AuditEntries
            .Where(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == outsider.Id).CountAsync());
        Assert.Equal(ReferralPages.Length, denied);
    }

    [Theory]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    public async Task Other_roles_are_refused_every_page(string role)
    {
        var reference = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Refused"));
        var client = await app.SignedInClientAsync(role);

        foreach (var url in ReferralPages.Select(p => $"/triage/referral/{reference}/{p}").Append("/triage/waiting-list"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/triage/waiting-list");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }
}
