using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Referrals;

/// <summary>The public referral forms through real HTTP: antiforgery, validation, idempotency, confirmation.</summary>
public sealed class SubmitReferralHttpTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_valid_self_referral_is_stored_once_and_confirmed_with_a_reference()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");

        var response = await form.PostAsync(client, ReferralFormData.SelfReferral(firstName: "Valid"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/refer/Confirmation", response.Headers.Location!.OriginalString, ignoreCase: true);
        var confirmation = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        var reference = confirmation.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        Assert.Matches("^RS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", reference);
        Assert.Contains("North East London Staff Wellbeing Hub", confirmation.Body!.TextContent);
        Assert.Contains("116 123", confirmation.Body.TextContent);

        var stored = await app.QueryDbAsync(db => db.Referrals.Include(r => r.People).SingleAsync(r => r.Reference == reference));
        Assert.Equal(2, stored.People.Count);
        Assert.False(stored.RiskFlag);
    }
}
