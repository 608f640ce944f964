using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Application.Triage.Duplicates;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;
using static RelationshipSupport.Application.Triage.Duplicates.FindPossibleDuplicates;

namespace RelationshipSupport.Tests.Waiting;

/// <summary>Possible duplicates: found by email, phone (however typed) or last name and date of birth; linked, dismissed, closed.</summary>
public sealed class DuplicatesTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Url(string reference) => $"/triage/referral/{reference}/duplicates";

    /// <summary>A referral and three others matching it one way each, and one matching nothing.</summary>
    private async Task<(string Referral, string ByEmail, string ByPhone, string ByNameAndBirth, string Unrelated)> FamilyAsync()
    {
        var lastName = TestReferrals.UniqueName("Dupe");
        var email = $"{Guid.NewGuid():N}@example.com";
        var referral = await WaitingData.SubmitAsync(app, lastName, change: c => c.Primary.Email = email);
        // Stored as the form stores it here, typed with the country code and spaces on the other referral.
        var unique = Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WaitingData.WithReferralAsync(app, referral, (r, _) => r.Primary.Phone = $"07700{unique}");

        var byEmail = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Other"), "Pat", c => { c.Primary.Email = email.ToUpperInvariant(); c.Primary.DateOfBirth = new() { Day = "1", Month = "1", Year = "1970" }; });
        var byPhone = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Other"), "Lee", c => c.Primary.DateOfBirth = new() { Day = "1", Month = "1", Year = "1970" });
        await WaitingData.WithReferralAsync(app, byPhone, (r, _) => r.Primary.Phone = $"+44 7700 {unique}");
        var byNameAndBirth = await WaitingData.SubmitAsync(app, lastName.ToUpperInvariant(), "Someone");
        var unrelated = await WaitingData.SubmitAsync(app, TestReferrals.UniqueName("Other"), "Kim", c => c.Primary.DateOfBirth = new() { Day = "1", Month = "1", Year = "1970" });
        return (referral, byEmail, byPhone, byNameAndBirth, unrelated);
    }

    [Fact]
    public async Task Other_referrals_sharing_an_email_a_phone_however_typed_or_a_last_name_and_date_of_birth_are_listed_with_what_matched()
    {
        var f = await FamilyAsync();
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);

        var result = await app.SendAsync(new Query(f.Referral), coordinator, [Roles.Coordinator]);

        var matched = result.Rows.ToDictionary(r => r.Reference, r => r.MatchedOn);
        // The partner (same last name, no date of birth) does not make a match on its own.
        Assert.Equal(3, matched.Count);
        Assert.Equal(MatchedOn.Email, matched[f.ByEmail]);
        Assert.Equal(MatchedOn.Phone, matched[f.ByPhone]);
        Assert.Equal(MatchedOn.NameAndDateOfBirth, matched[f.ByNameAndBirth]);
        Assert.All(result.Rows, r => Assert.Null(r.Decision));
        Assert.Equal(3, await CountAsync(f.Referral));

        // The page lists them with what matched.
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(Url(f.Referral)));
        var phoneCard = page.QuerySelector($"[data-testid=duplicates] [data-reference='{f.ByPhone}']")!;
        Assert.Equal("Phone number", phoneCard.QuerySelector("[data-testid=matched-on]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Not_the_same_person_hides_it_either_way_round_link_keeps_both_and_closing_as_a_duplicate_closes_this_one()
    {
        var f = await FamilyAsync();
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var dismissForm = HtmlForm.FromResponse(await HtmlForm.ParseAsync(await client.GetAsync(Url(f.Referral))), Url(f.Referral),
            $"[data-reference='{f.ByEmail}'] form");
        var dismissed = await dismissForm.PostAsync(client, new() { ["Input.Decision"] = "Dismiss" });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        // Twice (a double click): one decision.
        Assert.Equal(HttpStatusCode.Redirect, (await dismissForm.PostAsync(client, new() { ["Input.Decision"] = "Dismiss" })).StatusCode);

        var afterDismiss = await HtmlForm.ParseAsync(await client.GetAsync(dismissed.Headers.Location));
        Assert.Contains("recorded as not the same person", afterDismiss.QuerySelector("[data-testid=success]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(afterDismiss.QuerySelector($"[data-reference='{f.ByEmail}']"));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.DuplicateReviewed && a.EntityId == f.Referral)));
        // Nor is this referral offered as a duplicate of the other.
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        Assert.DoesNotContain(f.Referral, (await app.SendAsync(new Query(f.ByEmail), coordinator, [Roles.Coordinator])).Rows.Select(r => r.Reference));

        var linked = await HtmlForm.FromResponse(afterDismiss, Url(f.Referral), $"[data-reference='{f.ByPhone}'] form")
            .PostAsync(client, new() { ["Input.Decision"] = "Link" });
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var afterLink = await HtmlForm.ParseAsync(await client.GetAsync(linked.Headers.Location));
        Assert.Equal("Linked: same person", afterLink.QuerySelector($"[data-reference='{f.ByPhone}'] [data-testid=decision]")!.TextContent.Trim());
        Assert.Equal(1, await CountAsync(f.Referral));

        var closed = await HtmlForm.FromResponse(afterLink, Url(f.Referral), $"[data-reference='{f.ByNameAndBirth}'] form")
            .PostAsync(client, new() { ["Input.Decision"] = "CloseAsDuplicate" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var referral = await app.QueryDbAsync(db => db.Referrals.SingleAsync(r => r.Reference == f.Referral));
        Assert.Equal((ReferralStatus.Closed, ClosureReason.DuplicateReferral), (referral.Status, referral.ClosureReason));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralClosed && a.EntityId == f.Referral)));

        // The closed one is still shown from the other side, marked as recently closed.
        var fromOther = await app.SendAsync(new Query(f.ByNameAndBirth), coordinator, [Roles.Coordinator]);
        var row = Assert.Single(fromOther.Rows, r => r.Reference == f.Referral);
        Assert.False(row.IsOpen);
        Assert.NotNull(row.ClosedAtUtc);
    }

    private async Task<int> CountAsync(string reference)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Referrals.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync();
        return await FindPossibleDuplicates.CountAsync(db, VisibilityScope.Everything, id, app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    }
}
