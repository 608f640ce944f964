using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage.Closure;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Waiting;

/// <summary>Closing for no response (after the programme's number of attempts, with the letter) and withdrawing.</summary>
public sealed class ClosureTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Closing_for_no_response_is_refused_before_the_programmes_number_of_attempts_and_then_closes_and_emails_the_letter()
    {
        var lastName = TestReferrals.UniqueName("Unreached");
        var reference = await WaitingData.SubmitAsync(app, lastName, "Morgan");
        await WaitingData.RecordUnansweredAttemptsAsync(app, reference, 2);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var url = $"/triage/referral/{reference}/close-no-response";

        var before = await HtmlForm.ParseAsync(await client.GetAsync(url));
        Assert.NotNull(before.QuerySelector("[data-testid=not-offered]"));
        Assert.Null(before.QuerySelector("main form[method=post]"));
        // A post anyway (an old tab) is refused by the domain rule.
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        var stamp = await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ConcurrencyStamp).SingleAsync());
        var refused = await Assert.ThrowsAsync<RelationshipSupport.Domain.DomainException>(() =>
            app.SendAsync(new CloseForNoResponse.Command { Reference = reference, ConcurrencyStamp = stamp }, coordinator, [Roles.Coordinator]));
        Assert.Contains("after 3 unanswered contact attempts", refused.Message, StringComparison.Ordinal);

        await WaitingData.RecordUnansweredAttemptsAsync(app, reference, 1);
        var form = await HtmlForm.GetAsync(client, url);
        var letter = form.Document.QuerySelector("[data-testid=letter]")!.TextContent;
        Assert.Contains("Dear Morgan,", letter, StringComparison.Ordinal);
        Assert.Contains(reference, letter, StringComparison.Ordinal);
        Assert.Contains("staff-support@relationship-support.example", letter, StringComparison.Ordinal);
        Assert.Contains("will be emailed", form.Document.QuerySelector("[data-testid=email-note]")!.TextContent, StringComparison.Ordinal);

        var response = await form.PostAsync(client, new() { ["Input.Note"] = "Three calls, no answer" });
        var again = await form.PostAsync(client, new() { ["Input.Note"] = "Three calls, no answer" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.People).SingleAsync(r => r.Reference == reference));
        Assert.Equal((ReferralStatus.Closed, ClosureReason.NoResponseToContact), (referral.Status, referral.ClosureReason));
        var mail = await app.QueryDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == NoResponseLetter.EmailKind && m.ToAddress == referral.Primary.Email));
        Assert.Contains("Dear Morgan,", mail.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("argue", mail.BodyText, StringComparison.Ordinal);
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ReferralClosed && a.EntityId == reference));
        Assert.Contains("emailed=yes", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_may_be_living_with_abuse_is_not_emailed_the_letter()
    {
        var reference = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Unsafe"), risk: true);
        await WaitingData.RecordUnansweredAttemptsAsync(app, reference, 3);
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, $"/triage/referral/{reference}/close-no-response");
        Assert.Contains("will not be emailed", form.Document.QuerySelector("[data-testid=email-note]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, [])).StatusCode);

        Assert.Equal(ReferralStatus.Closed, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync()));
        var email = await app.QueryDbAsync(db => db.ReferralPeople.Where(p => db.Referrals.Any(r => r.Id == p.ReferralId && r.Reference == reference) && p.Role == PersonRole.Primary).Select(p => p.Email).SingleAsync());
        Assert.Equal(0, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == NoResponseLetter.EmailKind && m.ToAddress == email)));
    }

    [Fact]
    public async Task Withdrawing_needs_confirmation_keeps_the_note_and_ends_the_open_allocations()
    {
        var reference = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Withdrawn"));
        await WaitingData.PlaceOnWaitingListAsync(app, reference);
        var therapist = await WaitingData.TherapistAsync(app, 5, Availability.WeekdayEvenings);
        await WaitingData.WithReferralAsync(app, reference, (r, now) => r.Allocate([therapist.Id], new Actor("test", "Test"), now));
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var url = $"/triage/referral/{reference}/withdraw";
        var form = await HtmlForm.GetAsync(client, url);

        var unconfirmed = await form.PostAsync(client, new() { ["Input.Note"] = "Moved away" });

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var page = await HtmlForm.ParseAsync(unconfirmed);
        Assert.Equal(["Confirm that the person has withdrawn"], HtmlForm.ErrorSummary(page));
        Assert.Equal("Moved away", page.QuerySelector("#Input_Note")!.TextContent);

        var confirmed = await HtmlForm.FromResponse(page, url).PostAsync(client, new() { ["Input.Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.Allocations).SingleAsync(r => r.Reference == reference));
        Assert.Equal(ReferralStatus.Withdrawn, referral.Status);
        Assert.Equal("Moved away", referral.ClosureNote);
        Assert.All(referral.Allocations, a => Assert.NotNull(a.EndedAtUtc));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ReferralWithdrawn && a.EntityId == reference));
        Assert.Equal("from=Allocated; allocations-ended=1", audit.Detail);
    }
}
