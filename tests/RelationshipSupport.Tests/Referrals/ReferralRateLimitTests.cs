using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Referrals;

public sealed class ReferralRateLimitTests
{
    [Fact]
    public async Task Posts_past_the_configured_limit_get_a_friendly_429_page_and_store_nothing()
    {
        using var app = TestApp.With(new() { ["RateLimiting:ReferralPermitLimit"] = "2", ["RateLimiting:ReferralWindowSeconds"] = "600" });
        var client = app.CreateBrowserLikeClient();

        for (var i = 0; i < 2; i++)
        {
            var form = await HtmlForm.GetAsync(client, "/refer");
            var ok = await form.PostAsync(client, ReferralFormData.SelfReferral(firstName: $"Limited{i}"));
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var third = await HtmlForm.GetAsync(client, "/refer");
        var refused = await third.PostAsync(client, ReferralFormData.SelfReferral(firstName: "Limited2"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        var page = await HtmlForm.ParseAsync(refused);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("116 123", page.Body!.TextContent);
        Assert.False(await app.QueryDbAsync(db => db.ReferralPeople.AnyAsync(p => p.FirstName == "Limited2")));
        // Reading the form is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/refer")).StatusCode);
    }
}
