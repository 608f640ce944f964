using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Signposting;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary><c>/admin/signposting</c> through real HTTP, and the directory other features read (<see cref="GetSignposting"/>).</summary>
public sealed class SettingsSignpostingTests(TestApp app) : IClassFixture<TestApp>
{
    private static Dictionary<string, string?> Service(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.Kind"] = "Parenting",
        ["Input.Area"] = "North East London",
        ["Input.Phone"] = "0808 800 0000",
        ["Input.WhenToUse"] = "Parents who want a group course.",
    };

    private static List<string> Names(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("[data-testid=entries] tbody th a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_service_is_added_once_changed_and_retired_and_the_directory_others_read_leaves_it_out_once_retired()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var add = await HtmlForm.GetAsync(client, "/admin/signposting/add");

        var response = await add.PostAsync(client, Service("Parenting Together NEL"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The same form sent again (a double click, or back and send): one entry, and the reason why.
        var again = await add.PostAsync(client, Service("Parenting Together NEL"));
        Assert.Equal(["The directory already has an entry with this name"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(again)));
        var entry = await app.QueryDbAsync(db => db.SignpostingEntries.SingleAsync(e => e.Name == "Parenting Together NEL"));

        var list = await HtmlForm.ParseAsync(await client.GetAsync("/admin/signposting?kind=Parenting"));
        Assert.Equal("Service added to the directory", SettingsData.Success(list));
        Assert.Equal(["Family Lives", "Parenting Together NEL"], Names(list));
        Assert.Contains(await app.SendAsync(new GetSignposting.Query()), e => e.Id == entry.Id && e.Kind == SignpostingKind.Parenting && e.Phone == "0808 800 0000");

        var edit = await HtmlForm.GetAsync(client, $"/admin/signposting/{entry.Id}", "#entry-details");
        Assert.Equal(HttpStatusCode.Redirect, (await edit.PostAsync(client, new() { ["Input.Website"] = "https://parenting-together.example.org" })).StatusCode);
        Assert.Equal("https://parenting-together.example.org", await app.QueryDbAsync(db => db.SignpostingEntries.Where(e => e.Id == entry.Id).Select(e => e.Website).SingleAsync()));

        var retire = await HtmlForm.GetAsync(client, $"/admin/signposting/{entry.Id}", "#entry-status");
        Assert.Equal(HttpStatusCode.Redirect, (await retire.PostAsync(client, new())).StatusCode);

        Assert.DoesNotContain(await app.SendAsync(new GetSignposting.Query()), e => e.Id == entry.Id);
        Assert.Equal(["Family Lives"], Names(await HtmlForm.ParseAsync(await client.GetAsync("/admin/signposting?kind=Parenting"))));
        var withRetired = await HtmlForm.ParseAsync(await client.GetAsync("/admin/signposting?kind=Parenting&showRetired=true"));
        Assert.Equal(["Family Lives", "Parenting Together NEL"], Names(withRetired));
        Assert.NotNull(withRetired.QuerySelector($"tr[data-id='{entry.Id}'] .nhsuk-tag--grey"));

        var restore = await HtmlForm.GetAsync(client, $"/admin/signposting/{entry.Id}", "#entry-status");
        Assert.Equal(HttpStatusCode.Redirect, (await restore.PostAsync(client, new())).StatusCode);
        Assert.Contains(await app.SendAsync(new GetSignposting.Query()), e => e.Id == entry.Id);

        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "SignpostingEntry" && a.EntityId == entry.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.SignpostingAdded, AuditActions.SignpostingUpdated, AuditActions.SignpostingRetired, AuditActions.SignpostingRestored], audit);
        Assert.Equal(1, await app.QueryDbAsync(db => db.SignpostingEntries.CountAsync(e => e.Name == "Parenting Together NEL")));
    }

    [Fact]
    public async Task A_service_needs_a_way_to_reach_it_and_bad_values_are_shown_back()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var add = await HtmlForm.GetAsync(client, "/admin/signposting/add");
        var values = Service("Unreachable");
        values["Input.Phone"] = "";
        values["Input.Email"] = "nobody at example";
        values["Input.Kind"] = "";

        var page = await HtmlForm.ParseAsync(await add.PostAsync(client, values));

        Assert.Equal(
            ["Select what kind of help the service gives", "Enter the email address in the correct format, like name@example.com"],
            HtmlForm.ErrorSummary(page));
        Assert.Equal(("Unreachable", "nobody at example"), (SettingsData.Value(page, "Input_Name"), SettingsData.Value(page, "Input_Email")));

        var none = await HtmlForm.FromResponse(page, "/admin/signposting/add").PostAsync(client, new() { ["Input.Kind"] = "Other", ["Input.Email"] = "" });
        Assert.Equal(["Enter at least one way to reach the service: a phone number, an email address or a website"],
            HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(none)));
        Assert.False(await app.QueryDbAsync(db => db.SignpostingEntries.AnyAsync(e => e.Name == "Unreachable")));
    }

    [Fact]
    public async Task The_directory_for_other_features_is_in_use_entries_only_by_kind_then_name()
    {
        var retiredId = await app.QueryDbAsync(db => db.SignpostingEntries.Where(e => e.Name == "Respect Phoneline").Select(e => e.Id).SingleAsync());
        var admin = await app.CreateUserAsync(Roles.Administrator);
        var stamp = await app.QueryDbAsync(db => db.SignpostingEntries.Where(e => e.Id == retiredId).Select(e => e.ConcurrencyStamp).SingleAsync());
        await app.SendAsync(new Application.Admin.Signposting.SetSignpostingEntryActive.Command(retiredId, stamp, Active: false), admin, [Roles.Administrator]);

        var entries = await app.SendAsync(new GetSignposting.Query());

        Assert.DoesNotContain(entries, e => e.Id == retiredId);
        Assert.Equal(entries.OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Id), entries.Select(e => e.Id));
        Assert.Equal(SignpostingKind.Crisis, entries[0].Kind);
        var abuse = entries.Where(e => e.Kind == SignpostingKind.DomesticAbuse).Select(e => e.Name).ToList();
        Assert.Equal(["Men's Advice Line", "National Domestic Abuse Helpline (Refuge)"], abuse);
    }

    [Fact]
    public async Task Settings_changes_are_refused_to_anyone_but_an_administrator_whoever_sends_them()
    {
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);
        var command = new Application.Admin.Signposting.AddSignpostingEntry.Command
        {
            Name = "Sneaky", Kind = SignpostingKind.Other, Area = "National", Phone = "111", WhenToUse = "Never.",
        };

        await Assert.ThrowsAsync<Application.Common.NotFoundException>(() => app.SendAsync(command, coordinator, [Roles.Coordinator]));
        Assert.False(await app.QueryDbAsync(db => db.SignpostingEntries.AnyAsync(e => e.Name == "Sneaky")));
    }
}
