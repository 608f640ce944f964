using System.Net;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Triage;

/// <summary>The queue's pagination through real HTTP, on an app of its own so the page sizes are exact.</summary>
public sealed class TriageQueuePagingHttpTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_queue_shows_25_referrals_a_page_with_links_that_keep_the_filters()
    {
        var lastName = TriageData.UniqueName("Paged");
        var references = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            references.Add(await TriageData.SubmitAsync(app, lastName, risk: i % 2 == 0));
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        await TriageData.SubmitAsync(app, TriageData.UniqueName("Other"));
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var first = await HtmlForm.ParseAsync(await client.GetAsync("/triage"));
        Assert.Equal(references.Take(25), first.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-reference")));
        Assert.Contains("1 to 25 of 28", first.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.Null(first.QuerySelector(".nhsuk-pagination__previous"));
        Assert.Equal("page", first.QuerySelector(".nhsuk-pagination__item--current a")!.GetAttribute("aria-current"));

        var next = first.QuerySelector(".nhsuk-pagination__next")!.GetAttribute("href")!;
        Assert.Equal("/triage?PageNumber=2", next);
        var second = await HtmlForm.ParseAsync(await client.GetAsync(next));
        Assert.Equal(references.Skip(25).Take(2), second.QuerySelectorAll("[data-testid=queue] tbody tr").Take(2).Select(r => r.GetAttribute("data-reference")));
        Assert.Equal(3, second.QuerySelectorAll("[data-testid=queue] tbody tr").Length);
        Assert.Null(second.QuerySelector(".nhsuk-pagination__next"));

        // Filters travel with the page links: 14 risk-flagged referrals of this name fit on one page.
        var filtered = await client.GetAsync($"/triage?Search={lastName}&RiskOnly=true&ProgrammeCode=nhs-staff&Status=Received");
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        var filteredPage = await HtmlForm.ParseAsync(filtered);
        Assert.Equal(14, filteredPage.QuerySelectorAll("[data-testid=queue] tbody tr").Length);
        Assert.Null(filteredPage.QuerySelector(".nhsuk-pagination"));
        var all = await HtmlForm.ParseAsync(await client.GetAsync($"/triage?Search={lastName}&Status=Received&PageNumber=2"));
        Assert.Equal($"/triage?Status=Received&Search={lastName}&PageNumber=1", all.QuerySelector(".nhsuk-pagination__previous")!.GetAttribute("href"));
        Assert.Equal(2, all.QuerySelectorAll("[data-testid=queue] tbody tr").Length);
    }
}
