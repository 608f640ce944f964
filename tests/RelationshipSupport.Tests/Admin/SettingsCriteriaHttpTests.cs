using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary><c>/admin/programmes/{code}/criteria</c> through real HTTP: add, reword, reorder, retire and restore.</summary>
public sealed class SettingsCriteriaHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Url(string code) => $"/admin/programmes/{code}/criteria";

    private async Task<IDocument> PageAsync(HttpClient client, string code) => await HtmlForm.ParseAsync(await client.GetAsync(Url(code)));

    private static Task<HttpResponseMessage> PressAsync(HttpClient client, IDocument page, string code, string text, string action, Dictionary<string, string?>? values = null)
    {
        var item = page.QuerySelectorAll("li[data-criterion]").Single(li => li.TextContent.Contains(text, StringComparison.Ordinal));
        var id = item.GetAttribute("data-criterion");
        var form = HtmlForm.FromResponse((AngleSharp.Html.Dom.IHtmlDocument)page, Url(code), $"li[data-criterion='{id}'] form[action*='handler={action}']");
        return form.PostAsync(client, values ?? []);
    }

    private async Task<HttpResponseMessage> AddAsync(HttpClient client, string code, string kind, string text, string? help = null)
    {
        var form = HtmlForm.FromResponse((AngleSharp.Html.Dom.IHtmlDocument)await PageAsync(client, code), Url(code), "#add-criterion");
        return await form.PostAsync(client, new() { ["Input.Kind"] = kind, ["Input.Text"] = text, ["Input.HelpText"] = help });
    }

    [Fact]
    public async Task Criteria_are_added_reordered_retired_and_restored_in_screening_order_and_every_change_is_audited()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = await SettingsData.AddProgrammeAsync(app);

        var added = await AddAsync(client, code, "Inclusion", "Aged 18 or over");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(Url(code), added.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, code, "Inclusion", "Lives in the borough", "Or works there")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, code, "Exclusion", "Current domestic abuse")).StatusCode);

        var page = await PageAsync(client, code);
        Assert.Equal("Criterion added", SettingsData.Success(page));
        Assert.Equal(["Aged 18 or over", "Lives in the borough"], Strong(page, "inclusion"));
        Assert.Equal(["Current domestic abuse"], Strong(page, "exclusion"));
        Assert.Contains("Or works there", page.QuerySelector("[data-testid=inclusion]")!.TextContent, StringComparison.Ordinal);

        // Move the second up: it becomes the first.
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(client, page, code, "Lives in the borough", "Move", new() { ["to"] = "Up" })).StatusCode);
        var moved = await PageAsync(client, code);
        Assert.Equal(["Lives in the borough", "Aged 18 or over"], Strong(moved, "inclusion"));

        // A button from the page before the move (an older version of the list) is refused, and changes nothing.
        var stale = await PressAsync(client, page, code, "Aged 18 or over", "Retire");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed these criteria", Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(stale))), StringComparison.Ordinal);
        Assert.True(await app.QueryDbAsync(db => db.ProgrammeCriteria.Where(c => c.Text == "Aged 18 or over").AllAsync(c => c.IsActive)));

        // Retire from the current page: it leaves the list in use and is kept.
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(client, moved, code, "Aged 18 or over", "Retire")).StatusCode);
        var retired = await PageAsync(client, code);
        Assert.Equal(["Lives in the borough"], Strong(retired, "inclusion"));
        Assert.Contains("Aged 18 or over", retired.QuerySelector("[data-testid=retired-inclusion]")!.TextContent, StringComparison.Ordinal);
        var stored = await app.QueryDbAsync(db => db.Programmes.Include(p => p.Criteria).SingleAsync(p => p.Code == code));
        Assert.Equal(3, stored.Criteria.Count);
        Assert.False(stored.Criteria.Single(c => c.Text == "Aged 18 or over").IsActive);

        // Restore: back at the end of its list.
        Assert.Equal(HttpStatusCode.Redirect, (await PressAsync(client, retired, code, "Aged 18 or over", "Restore")).StatusCode);
        var restored = await PageAsync(client, code);
        Assert.Equal(["Lives in the borough", "Aged 18 or over"], Strong(restored, "inclusion"));
        Assert.Null(restored.QuerySelector("[data-testid=retired-inclusion]"));

        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Programme" && a.EntityId == code).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(
            [AuditActions.ProgrammeAdded, AuditActions.CriterionAdded, AuditActions.CriterionAdded, AuditActions.CriterionAdded,
             AuditActions.CriterionMoved, AuditActions.CriterionRetired, AuditActions.CriterionRestored],
            audit);
    }

    [Fact]
    public async Task Rewording_a_criterion_keeps_its_place_and_bad_input_is_shown_back()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = await SettingsData.AddProgrammeAsync(app);
        await AddAsync(client, code, "Exclusion", "Current drug misuse");
        await AddAsync(client, code, "Exclusion", "In court proceedings");
        var id = await app.QueryDbAsync(db => db.ProgrammeCriteria.Where(c => c.Text == "Current drug misuse").Select(c => c.Id).SingleAsync());

        var form = await HtmlForm.GetAsync(client, $"{Url(code)}/{id}");
        Assert.Equal("Current drug misuse", SettingsData.Value(form.Document, "Input_Text"));
        var bad = await form.PostAsync(client, new() { ["Input.Text"] = "  ", ["Input.HelpText"] = "Help kept" });
        var badPage = await HtmlForm.ParseAsync(bad);
        Assert.Equal(["Enter the criterion"], HtmlForm.ErrorSummary(badPage));
        Assert.Equal("Help kept", SettingsData.Value(badPage, "Input_HelpText"));

        var saved = await form.PostAsync(client, new() { ["Input.Text"] = "Current unmanaged drug or alcohol misuse", ["Input.HelpText"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Current unmanaged drug or alcohol misuse", "In court proceedings"], Strong(await PageAsync(client, code), "exclusion"));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CriterionUpdated && a.EntityId == code && a.Detail == $"criterion={id}")));
    }

    [Fact]
    public async Task Adding_a_criterion_twice_adds_it_once()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = await SettingsData.AddProgrammeAsync(app);
        var form = HtmlForm.FromResponse((AngleSharp.Html.Dom.IHtmlDocument)await PageAsync(client, code), Url(code), "#add-criterion");
        var values = new Dictionary<string, string?> { ["Input.Kind"] = "Inclusion", ["Input.Text"] = "Couples with children" };

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, values)).StatusCode);
        var second = await form.PostAsync(client, values);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(second)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).SelectMany(p => p.Criteria).CountAsync()));
    }

    [Fact]
    public async Task The_first_criterion_cannot_move_up_and_the_page_says_so()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = await SettingsData.AddProgrammeAsync(app);
        await AddAsync(client, code, "Inclusion", "Only one");
        var page = await PageAsync(client, code);
        Assert.Null(page.QuerySelector("li[data-criterion] form[action*='handler=Move']"));
        var retire = HtmlForm.FromResponse((AngleSharp.Html.Dom.IHtmlDocument)page, Url(code), "li[data-criterion] form[action*='handler=Retire']");

        // A hand-made "move up" for the only criterion (the button is not shown).
        var response = await client.PostAsync(Url(code) + "?handler=Move", new FormUrlEncodedContent(
            retire.CurrentFields().Append(new("to", "Up"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["This criterion is already at the top of the list"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(response)));
    }

    private static List<string> Strong(IDocument page, string list) =>
        page.QuerySelectorAll($"[data-testid={list}] > li > strong").Select(e => e.TextContent.Trim()).ToList();
}
