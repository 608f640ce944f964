using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Web;

public sealed class HomePageTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Anonymous_visitors_are_offered_both_referral_forms_and_staff_sign_in()
    {
        var page = await HtmlForm.ParseAsync(await app.CreateBrowserLikeClient().GetAsync("/"));

        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/refer", links);
        Assert.Contains("/refer/professional", links);
        Assert.Contains("/account/login", links);
        Assert.Null(page.QuerySelector("[data-testid=staff-links]"));
    }

    [Fact]
    public async Task A_signed_in_coordinator_sees_their_pages_instead_of_sign_in()
    {
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var page = await HtmlForm.ParseAsync(await client.GetAsync("/"));

        var staffLinks = page.QuerySelector("[data-testid=staff-links]")!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/triage", "/triage/waiting-list", "/triage/panel", "/account/two-factor"], staffLinks);
        Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/account/login");
    }

    [Fact]
    public async Task A_signed_in_therapist_is_not_offered_the_triage_queue()
    {
        var client = await app.SignedInClientAsync(Roles.Therapist);

        var page = await HtmlForm.ParseAsync(await client.GetAsync("/"));

        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/triage");
        var staffLinks = page.QuerySelector("[data-testid=staff-links]")!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/cases", "/cases/calendar", "/account/two-factor"], staffLinks);
        var menu = page.QuerySelector("nav[aria-label=Menu]")!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/cases", "/cases/calendar"], menu);
    }
}
