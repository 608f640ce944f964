using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Programmes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary><c>/admin/programmes</c> through real HTTP: adding, editing (seen by the public forms at once), validation, conflicts.</summary>
public sealed class SettingsProgrammesHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] ReferOptions = ["main input[name='Input.ProgrammeCode']"];

    private async Task<IReadOnlyList<string>> ProgrammesOfferedOnReferAsync()
    {
        var page = await HtmlForm.ParseAsync(await app.CreateBrowserLikeClient().GetAsync("/refer"));
        return page.QuerySelectorAll(ReferOptions[0]).Select(i => ((AngleSharp.Html.Dom.IHtmlInputElement)i).Value).ToList();
    }

    private async Task<ProgrammeInfo?> DirectoryAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProgrammeDirectory>().FindAsync(code);
    }

    [Fact]
    public async Task An_administrator_adds_a_programme_and_the_public_form_offers_it_at_once_then_stops_when_its_route_is_removed()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = SettingsData.UniqueCode("self-help");
        // The public form has been read (and the directory cached) before the change.
        Assert.DoesNotContain(code, await ProgrammesOfferedOnReferAsync());

        var add = await HtmlForm.GetAsync(client, "/admin/programmes/add");
        var response = await add.PostAsync(client, new()
        {
            ["Input.Code"] = code,
            ["Input.Name"] = "Self help for couples",
            ["Input.Commissioner"] = "A council",
            ["Input.Routes"] = "SelfReferral",
            ["Input.WhatHappensNext"] = "A counsellor will phone you within a week.",
            ["Input.ContactEmail"] = "couples@relationship-support.example",
            ["Input.ContactPhone"] = "020 7946 0400",
            ["Input.ContractStart.Day"] = "1", ["Input.ContractStart.Month"] = "4", ["Input.ContractStart.Year"] = "2026",
            ["Input.ContractEnd.Day"] = "31", ["Input.ContractEnd.Month"] = "3", ["Input.ContractEnd.Year"] = "2027",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/programmes/{code}", response.Headers.Location!.OriginalString);
        Assert.Contains(code, await ProgrammesOfferedOnReferAsync());
        Assert.Equal("A counsellor will phone you within a week.", (await DirectoryAsync(code))!.WhatHappensNext);

        // Edit: a new "what happens next" and no self-referrals any more.
        var edit = await HtmlForm.GetAsync(client, $"/admin/programmes/{code}");
        Assert.Equal("Programme added: now add its criteria and referral sources", SettingsData.Success(edit.Document));
        Assert.Equal("Self help for couples", SettingsData.Value(edit.Document, "Input_Name"));
        Assert.Equal("2027", SettingsData.Value(edit.Document, "Input_ContractEnd_Year"));
        response = await edit.PostAsync(client, new()
        {
            ["Input.Routes"] = "Professional",
            ["Input.WhatHappensNext"] = "We will write to you and to the professional who referred you.",
            ["Input.MaxSessions"] = "12",
            ["Input.RequiresScreeningPanel"] = "true|false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Equal("Programme settings saved", SettingsData.Success(page));
        Assert.Equal("12", SettingsData.Value(page, "Input_MaxSessions"));
        Assert.DoesNotContain(code, await ProgrammesOfferedOnReferAsync());
        var info = await DirectoryAsync(code);
        Assert.Equal("We will write to you and to the professional who referred you.", info!.WhatHappensNext);
        Assert.True(info.AcceptsProfessionalReferrals);

        var stored = await app.QueryDbAsync(db => db.Programmes.SingleAsync(p => p.Code == code));
        Assert.Equal((4, 12, true, new DateOnly(2027, 3, 31)), (stored.MinSessions, stored.MaxSessions, stored.RequiresScreeningPanel, stored.ContractEnd));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Programme" && a.EntityId == code).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.ProgrammeAdded, AuditActions.ProgrammeUpdated], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Null(a.Detail));
    }

    [Fact]
    public async Task A_new_what_happens_next_is_what_the_next_person_referring_themselves_is_told()
    {
        var admin = await app.SignedInClientAsync(Roles.Administrator);
        var visitor = app.CreateBrowserLikeClient();
        var refer = await HtmlForm.GetAsync(visitor, "/refer");
        const string Text = "A coordinator will phone you within 3 working days, at a time you told us is safe.";

        var edit = await HtmlForm.GetAsync(admin, "/admin/programmes/nhs-staff");
        Assert.Equal(HttpStatusCode.Redirect, (await edit.PostAsync(admin, new() { ["Input.WhatHappensNext"] = Text })).StatusCode);
        var response = await refer.PostAsync(visitor, ReferralFormData.SelfReferral(firstName: "Told"));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(response))));
        var confirmation = await HtmlForm.ParseAsync(await visitor.GetAsync(response.Headers.Location));
        Assert.Contains(Text, confirmation.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_every_message_and_the_values_typed_are_kept()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = await SettingsData.AddProgrammeAsync(app);
        var edit = await HtmlForm.GetAsync(client, $"/admin/programmes/{code}");

        var response = await edit.PostAsync(client, new()
        {
            ["Input.Name"] = "Renamed, but not saved",
            ["Input.MinSessions"] = "10",
            ["Input.MaxSessions"] = "5",
            ["Input.MaxSessionMinutes"] = "200",
            ["Input.UnansweredAttemptsBeforeClosure"] = "lots",
            ["Input.ContactEmail"] = "not an email",
            ["Input.ContractEnd.Day"] = "31", ["Input.ContractEnd.Month"] = "2", ["Input.ContractEnd.Year"] = "2027",
            ["Input.ReportStyle"] = "Monthly",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(
            [
                "Contract end must be a real date, like 31 3 2027",
                "Select the report style",
                "The number of unanswered contact attempts before closure must be a whole number, like 1",
                "The maximum number of sessions must be the same as or more than the minimum",
                "The longest session in minutes must be between 15 and 120",
                "Enter the contact email address in the correct format, like name@example.com",
            ],
            HtmlForm.ErrorSummary(page));
        Assert.Equal("Renamed, but not saved", SettingsData.Value(page, "Input_Name"));
        Assert.Equal("10", SettingsData.Value(page, "Input_MinSessions"));
        Assert.Equal("200", SettingsData.Value(page, "Input_MaxSessionMinutes"));
        Assert.Equal("lots", SettingsData.Value(page, "Input_UnansweredAttemptsBeforeClosure"));
        Assert.Equal("not an email", SettingsData.Value(page, "Input_ContactEmail"));
        Assert.Equal("31", SettingsData.Value(page, "Input_ContractEnd"));
        var stored = await app.QueryDbAsync(db => db.Programmes.SingleAsync(p => p.Code == code));
        Assert.Equal(("Test programme", 6), (stored.Name, stored.MaxSessions));
    }

    [Fact]
    public async Task A_second_edit_from_the_same_version_is_refused_with_the_conflict_message_and_can_then_be_saved_deliberately()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var other = await app.SignedInClientAsync(Roles.Administrator);
        var code = await SettingsData.AddProgrammeAsync(app);
        var mine = await HtmlForm.GetAsync(client, $"/admin/programmes/{code}");
        var theirs = await HtmlForm.GetAsync(other, $"/admin/programmes/{code}");

        Assert.Equal(HttpStatusCode.Redirect, (await theirs.PostAsync(other, new() { ["Input.Name"] = "Their name" })).StatusCode);
        var response = await mine.PostAsync(client, new() { ["Input.Name"] = "My name" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Contains("Someone else changed this record", Assert.Single(HtmlForm.ErrorSummary(page)), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Equal("My name", SettingsData.Value(page, "Input_Name"));
        Assert.Equal("Their name", await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.Name).SingleAsync()));

        // The form now carries the latest version: saving again is a deliberate choice, and succeeds.
        var again = await HtmlForm.FromResponse(page, $"/admin/programmes/{code}").PostAsync(client, new());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("My name", await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Adding_the_same_programme_twice_creates_one_and_says_the_code_is_taken()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var code = SettingsData.UniqueCode("twice");
        var add = await HtmlForm.GetAsync(client, "/admin/programmes/add");
        var values = new Dictionary<string, string?>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = "Twice",
            // Not a self-referral programme: nhs-staff stays the only one, as the public-form tests here expect.
            ["Input.Routes"] = "Professional",
            ["Input.Commissioner"] = "A council",
            ["Input.WhatHappensNext"] = "We will call.",
            ["Input.ContactEmail"] = "twice@relationship-support.example",
            ["Input.ContactPhone"] = "020 7946 0401",
        };

        Assert.Equal(HttpStatusCode.Redirect, (await add.PostAsync(client, values)).StatusCode);
        var second = await add.PostAsync(client, values);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["A programme with this code already exists: choose another code"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(second)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Programmes.CountAsync(p => p.Code == code)));
    }

    [Theory]
    [InlineData("Bad Code", "The programme code must use only lower-case letters, numbers and hyphens, like north-london-hub")]
    [InlineData("add", "The programme code cannot be \"add\": choose another")]
    [InlineData("", "Enter a programme code")]
    public async Task A_programme_code_must_be_usable_in_a_web_address(string code, string message)
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        var add = await HtmlForm.GetAsync(client, "/admin/programmes/add");

        var response = await add.PostAsync(client, new() { ["Input.Code"] = code, ["Input.Name"] = "Kept" });

        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(message, HtmlForm.ErrorSummary(page)[0]);
        Assert.Equal(code, SettingsData.Value(page, "Input_Code"));
        Assert.Equal("Kept", SettingsData.Value(page, "Input_Name"));
    }

    [Fact]
    public async Task The_list_links_each_programme_and_an_unknown_code_answers_404()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);

        var page = await HtmlForm.ParseAsync(await client.GetAsync("/admin/programmes"));

        Assert.NotNull(page.QuerySelector("tr[data-code='nhs-staff'] a[href='/admin/programmes/nhs-staff']"));
        Assert.NotNull(page.QuerySelector("tr[data-code='parents-in-conflict'] a[href='/admin/programmes/parents-in-conflict/criteria']"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/programmes/no-such-programme")).StatusCode);
    }
}
