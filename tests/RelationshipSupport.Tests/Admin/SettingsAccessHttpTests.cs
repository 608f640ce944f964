using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary>Every settings page is for administrators only: other staff are refused (403), visitors sent to sign in.</summary>
public sealed class SettingsAccessHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<string[]> PagesAsync()
    {
        var hubId = await app.QueryDbAsync(db => db.Hubs.Select(h => h.Id).FirstAsync());
        var entryId = await app.QueryDbAsync(db => db.SignpostingEntries.Select(e => e.Id).FirstAsync());
        var criterionId = await app.QueryDbAsync(db => db.ProgrammeCriteria.Where(c => c.ProgrammeId == db.Programmes.Single(p => p.Code == "nhs-staff").Id).Select(c => c.Id).FirstAsync());
        return
        [
            "/admin", "/admin/programmes", "/admin/programmes/add", "/admin/programmes/nhs-staff", "/admin/programmes/nhs-staff/criteria",
            $"/admin/programmes/nhs-staff/criteria/{criterionId}", "/admin/hubs", "/admin/hubs/add", $"/admin/hubs/{hubId}",
            "/admin/signposting", "/admin/signposting/add", $"/admin/signposting/{entryId}",
            "/admin/instruments", "/admin/instruments/upload", "/admin/instruments/CORE-10/1", "/admin/programmes/nhs-staff/questionnaires",
            "/admin/import",
        ];
    }

    [Fact]
    public async Task An_administrator_can_open_every_settings_page()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        foreach (var url in await PagesAsync())
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
        var index = await HtmlForm.ParseAsync(await client.GetAsync("/admin"));
        Assert.Equal(["/admin/programmes", "/admin/instruments", "/admin/hubs", "/admin/signposting", "/admin/users", "/admin/import"],
            index.QuerySelectorAll("[data-testid=admin-links] a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Manager)]
    public async Task Other_staff_are_refused_every_settings_page_and_change(string role)
    {
        var client = await app.SignedInClientAsync(role);
        foreach (var url in await PagesAsync())
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"{role} was not refused {url}");
        }
        var post = await client.PostAsync("/admin/programmes/nhs-staff", new FormUrlEncodedContent([new("Input.Name", "Changed")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("Relationship support for NHS and social care staff",
            await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == "nhs-staff").Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();
        foreach (var url in await PagesAsync())
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        }
    }
}
