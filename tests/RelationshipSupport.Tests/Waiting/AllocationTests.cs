using System.Net;
using Microsoft.EntityFrameworkCore;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Waiting;

/// <summary><c>/triage/referral/{reference}/allocate</c>: therapists offered by capacity and availability, allocation, emails, repeats and conflicts.</summary>
public sealed class AllocationTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Url(string reference) => $"/triage/referral/{reference}/allocate";

    private async Task<(string Reference, string LastName)> WaitingReferralAsync()
    {
        var lastName = TestReferrals.UniqueName("Allocated");
        var reference = await WaitingData.SubmitAsync(app, lastName);
        await WaitingData.PlaceOnWaitingListAsync(app, reference);
        return (reference, lastName);
    }

    [Fact]
    public async Task Allocating_to_a_lead_and_a_co_therapist_records_both_emails_each_without_client_details_and_moves_it_to_allocated()
    {
        var (reference, lastName) = await WaitingReferralAsync();
        var lead = await WaitingData.TherapistAsync(app, 10, Availability.WeekdayEvenings | Availability.Weekends);
        var co = await WaitingData.TherapistAsync(app, 5, Availability.WeekdayEvenings);
        var mornings = await WaitingData.TherapistAsync(app, 50, Availability.WeekdayMornings);
        var full = await WaitingData.TherapistAsync(app, 1, Availability.WeekdayEvenings);
        await WaitingData.GiveOpenCasesAsync(app, full, 1);
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var form = await HtmlForm.GetAsync(client, Url(reference));

        // Free places and matching evenings first; no matching times after; at capacity last, and marked.
        var offered = form.Document.QuerySelectorAll("input[name='Input.LeadTherapistId']").Select(i => i.GetAttribute("value")).ToList();
        Assert.True(offered.IndexOf(lead.Id) < offered.IndexOf(mornings.Id));
        Assert.True(offered.IndexOf(co.Id) < offered.IndexOf(mornings.Id));
        Assert.True(offered.IndexOf(mornings.Id) < offered.IndexOf(full.Id));
        var fullHint = form.Document.QuerySelector($"input[value='{full.Id}'] ~ .nhsuk-hint")!.TextContent;
        Assert.StartsWith("At capacity: 1 of 1 open cases", fullHint, StringComparison.Ordinal);
        Assert.Contains("Matches: Weekday evenings", form.Document.QuerySelector($"input[value='{lead.Id}'] ~ .nhsuk-hint")!.TextContent, StringComparison.Ordinal);

        var response = await form.PostAsync(client, new() { ["Input.LeadTherapistId"] = lead.Id, ["Input.CoTherapistId"] = co.Id });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/triage/referral/{reference}", response.Headers.Location!.OriginalString, ignoreCase: true);
        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.Allocations).SingleAsync(r => r.Reference == reference));
        Assert.Equal(ReferralStatus.Allocated, referral.Status);
        Assert.Equal([(lead.Id, AllocationRole.Lead), (co.Id, AllocationRole.CoTherapist)],
            referral.Allocations.OrderBy(a => a.Role).Select(a => (a.TherapistUserId, a.Role)));
        Assert.All(referral.Allocations, a => Assert.Null(a.EndedAtUtc));

        var mails = await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Kind == AllocateReferral.EmailKind && m.BodyText.Contains(reference)).ToListAsync());
        Assert.Equal(new[] { lead.Email, co.Email }.Order(), mails.Select(m => m.ToAddress).Order());
        Assert.All(mails, m =>
        {
            Assert.Equal("A case has been allocated to you", m.Subject);
            Assert.DoesNotContain(lastName, m.BodyText, StringComparison.Ordinal);
            Assert.DoesNotContain("Alex", m.BodyText, StringComparison.Ordinal);
            Assert.DoesNotContain("argue", m.BodyText, StringComparison.Ordinal);
        });
        Assert.Contains("as lead therapist", mails.Single(m => m.ToAddress == lead.Email).BodyText, StringComparison.Ordinal);
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ReferralAllocated && a.EntityId == reference));
        Assert.Contains("therapists=2", audit.Detail, StringComparison.Ordinal);

        // The referral page shows the banner.
        var page = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Equal("Allocated to two co-therapists", page.QuerySelector("[data-testid=success] .nhsuk-notification-banner__heading")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_therapist_at_capacity_needs_an_explicit_confirmation_and_the_form_keeps_the_choice()
    {
        var (reference, _) = await WaitingReferralAsync();
        var full = await WaitingData.TherapistAsync(app, 1, Availability.WeekdayEvenings);
        await WaitingData.GiveOpenCasesAsync(app, full, 1);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference));

        var refused = await form.PostAsync(client, new() { ["Input.LeadTherapistId"] = full.Id });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForm.ParseAsync(refused);
        var error = Assert.Single(HtmlForm.ErrorSummary(page));
        Assert.Contains("has no free place (1 open case, capacity 1)", error, StringComparison.Ordinal);
        Assert.True(page.QuerySelector<IHtmlInputElement>($"input[name='Input.LeadTherapistId'][value='{full.Id}']")!.IsChecked);
        Assert.Equal(0, await app.QueryDbAsync(db => db.CaseAllocations.CountAsync(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.Reference == reference))));

        var confirmed = await HtmlForm.FromResponse(page, Url(reference)).PostAsync(client, new() { ["Input.ConfirmOverCapacity"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(2, await app.QueryDbAsync(db => db.CaseAllocations.CountAsync(a => a.TherapistUserId == full.Id && a.EndedAtUtc == null)));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ReferralAllocated && a.EntityId == reference));
        Assert.Contains("over-capacity=yes", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_same_allocation_twice_allocates_once()
    {
        var (reference, _) = await WaitingReferralAsync();
        var therapist = await WaitingData.TherapistAsync(app, 5, Availability.WeekdayEvenings);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference));

        var first = await form.PostAsync(client, new() { ["Input.LeadTherapistId"] = therapist.Id });
        var second = await form.PostAsync(client, new() { ["Input.LeadTherapistId"] = therapist.Id });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.CaseAllocations.CountAsync(a => a.TherapistUserId == therapist.Id)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == therapist.Email)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAllocated && a.EntityId == reference)));
    }

    [Fact]
    public async Task A_change_made_meanwhile_is_a_conflict_the_page_explains_and_nothing_is_allocated()
    {
        var (reference, _) = await WaitingReferralAsync();
        var therapist = await WaitingData.TherapistAsync(app, 5, Availability.WeekdayEvenings);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference));
        // Meanwhile a supervisor marks it as a priority.
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var stamp = await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ConcurrencyStamp).SingleAsync());
        await app.SendAsync(new SetReferralPriority.Command { Reference = reference, ConcurrencyStamp = stamp, IsPriority = true, Reason = "Urgent" }, supervisor, [Roles.Supervisor]);

        var response = await form.PostAsync(client, new() { ["Input.LeadTherapistId"] = therapist.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Contains("Someone else changed this record", Assert.Single(HtmlForm.ErrorSummary(page)), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Equal(0, await app.QueryDbAsync(db => db.CaseAllocations.CountAsync(a => a.TherapistUserId == therapist.Id)));

        // Sent again with the latest version in view, it is allocated.
        var again = await HtmlForm.FromResponse(page, Url(reference)).PostAsync(client, new() { ["Input.LeadTherapistId"] = therapist.Id });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Two_allocations_racing_for_a_therapists_last_place_do_not_both_succeed_silently()
    {
        var (first, _) = await WaitingReferralAsync();
        var (second, _) = await WaitingReferralAsync();
        var therapist = await WaitingData.TherapistAsync(app, 1, Availability.WeekdayEvenings);
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        async Task<Guid> StampAsync(string reference) =>
            await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ConcurrencyStamp).SingleAsync());
        var commands = new[] { first, second }.Select(async r => new AllocateReferral.Command { Reference = r, ConcurrencyStamp = await StampAsync(r), LeadTherapistId = therapist.Id });
        var ready = await Task.WhenAll(commands);

        var outcomes = await Task.WhenAll(ready.Select(async c =>
        {
            try
            {
                await app.SendAsync(c, coordinator, [Roles.Coordinator]);
                return "allocated";
            }
            catch (Exception ex) when (ex is ValidationFailedException or RelationshipSupport.Domain.DomainException or ConcurrencyConflictException)
            {
                return "refused";
            }
        }));

        Assert.Equal(["allocated", "refused"], outcomes.Order());
        Assert.Equal(1, await app.QueryDbAsync(db => db.CaseAllocations.CountAsync(a => a.TherapistUserId == therapist.Id)));
    }
}
