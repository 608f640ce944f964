using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary><c>/admin/hubs</c> through real HTTP: referral sources by programme, seen by the public form at once.</summary>
public sealed class SettingsHubsHttpTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The hubs the public self-referral form offers (nhs-staff is the only programme taking self-referrals here).</summary>
    private async Task<IReadOnlyList<string>> HubsOfferedAsync()
    {
        var page = await HtmlForm.ParseAsync(await app.CreateBrowserLikeClient().GetAsync("/refer"));
        return page.QuerySelectorAll("input[name='Input.HubCode']").OfType<IHtmlInputElement>().Select(i => i.Value).ToList();
    }

    [Fact]
    public async Task A_referral_source_is_added_changed_and_deactivated_and_the_public_form_follows()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        Assert.Contains("nel-hub", await HubsOfferedAsync());

        var add = await HtmlForm.GetAsync(client, "/admin/hubs/add?programme=nhs-staff");
        Assert.Equal("nhs-staff", SettingsData.Value(add.Document, "Input_ProgrammeCode"));
        var response = await add.PostAsync(client, new()
        {
            ["Input.Code"] = "kent-hub",
            ["Input.Kind"] = "StaffWellbeingHub",
            ["Input.Name"] = "Kent Staff Wellbeing Hub",
            ["Input.Area"] = "Kent",
            ["Input.Email"] = "kent-hub@wellbeing-hubs.example",
            ["Input.Phone"] = "01632 960 001",
            ["Input.Website"] = "https://kent-hub.example.org",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("kent-hub", await HubsOfferedAsync());

        var list = await HtmlForm.ParseAsync(await client.GetAsync("/admin/hubs"));
        Assert.Equal("Referral source added", SettingsData.Success(list));
        var link = list.QuerySelector("[data-testid='hubs-nhs-staff'] tr[data-code='kent-hub'] a")!.GetAttribute("href")!;

        var edit = await HtmlForm.GetAsync(client, link, "#hub-details");
        Assert.Equal(HttpStatusCode.Redirect, (await edit.PostAsync(client, new() { ["Input.Name"] = "Kent and Medway Staff Wellbeing Hub" })).StatusCode);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(link));
        Assert.Equal("Referral source saved", SettingsData.Success(page));
        Assert.Equal("Kent and Medway Staff Wellbeing Hub", page.QuerySelector("h1")!.TextContent.Trim());

        var deactivate = HtmlForm.FromResponse(page, link, "#hub-status");
        Assert.Equal(HttpStatusCode.Redirect, (await deactivate.PostAsync(client, new())).StatusCode);
        Assert.DoesNotContain("kent-hub", await HubsOfferedAsync());
        // The same button again (a double click): nothing more happens, and no error.
        Assert.Equal(HttpStatusCode.Redirect, (await deactivate.PostAsync(client, new())).StatusCode);

        var reactivate = await HtmlForm.GetAsync(client, link, "#hub-status");
        Assert.Equal(HttpStatusCode.Redirect, (await reactivate.PostAsync(client, new())).StatusCode);
        Assert.Contains("kent-hub", await HubsOfferedAsync());

        var hub = await app.QueryDbAsync(db => db.Hubs.Include(h => h.Programme).SingleAsync(h => h.Code == "kent-hub"));
        Assert.Equal(("nhs-staff", "Kent and Medway Staff Wellbeing Hub", true), (hub.Programme!.Code, hub.Name, hub.IsActive));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Hub" && a.EntityId == "kent-hub").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.HubAdded, AuditActions.HubUpdated, AuditActions.HubDeactivated, AuditActions.HubReactivated], audit);
    }

    [Fact]
    public async Task Bad_details_and_a_taken_code_are_refused_with_the_values_kept()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var add = await HtmlForm.GetAsync(client, "/admin/hubs/add");

        var response = await add.PostAsync(client, new()
        {
            ["Input.ProgrammeCode"] = "parents-in-conflict",
            ["Input.Code"] = "nel-hub",
            ["Input.Kind"] = "LocalAuthority",
            ["Input.Name"] = "Another team",
            ["Input.Area"] = "",
            ["Input.Email"] = "team@example.org",
            ["Input.Phone"] = "12345",
            ["Input.Website"] = "www.example.org",
        });

        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(
            ["Enter the area it covers", "Enter the phone number in the correct format, like 07700 900 982 or 020 7946 0000", "Enter the website as a full address, like https://www.example.org"],
            HtmlForm.ErrorSummary(page));
        Assert.Equal(("Another team", "12345", "parents-in-conflict"), (SettingsData.Value(page, "Input_Name"), SettingsData.Value(page, "Input_Phone"), SettingsData.Value(page, "Input_ProgrammeCode")));

        var taken = await HtmlForm.FromResponse(page, "/admin/hubs/add").PostAsync(client, new()
        {
            ["Input.Area"] = "Borough-wide", ["Input.Phone"] = "020 7946 0303", ["Input.Website"] = "",
        });
        Assert.Equal(["A referral source with this code already exists: choose another code"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(taken)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Hubs.CountAsync(h => h.Code == "nel-hub")));
        Assert.Equal(HubKind.StaffWellbeingHub, await app.QueryDbAsync(db => db.Hubs.Where(h => h.Code == "nel-hub").Select(h => h.Kind).SingleAsync()));
    }

    [Fact]
    public async Task Two_edits_of_a_referral_source_from_the_same_version_the_second_is_refused()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var id = await app.QueryDbAsync(db => db.Hubs.Where(h => h.Code == "swl-hub").Select(h => h.Id).SingleAsync());
        var first = await HtmlForm.GetAsync(client, $"/admin/hubs/{id}", "#hub-details");
        var second = await HtmlForm.GetAsync(client, $"/admin/hubs/{id}", "#hub-details");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(client, new() { ["Input.Area"] = "South West London (first)" })).StatusCode);
        var response = await second.PostAsync(client, new() { ["Input.Area"] = "South West London (second)" });

        var page = await HtmlForm.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Equal("South West London (second)", SettingsData.Value(page, "Input_Area"));
        Assert.Equal("South West London (first)", await app.QueryDbAsync(db => db.Hubs.Where(h => h.Id == id).Select(h => h.Area).SingleAsync()));
    }
}
