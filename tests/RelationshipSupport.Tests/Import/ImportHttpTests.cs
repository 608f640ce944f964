using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Admin;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Import;

/// <summary>
/// <c>/admin/import</c> through real HTTP: only administrators; a file with errors lists them and keeps the chosen
/// programme; a good file is checked (nothing stored), then imported once however often "Import" is sent.
/// </summary>
public sealed class ImportHttpTests : IDisposable
{
    private const string Url = "/admin/import";
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Therapist)]
    public async Task Other_staff_are_refused_the_page_and_the_upload(string role)
    {
        var client = await app.SignedInClientAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url)).StatusCode);
        var upload = new MultipartFormDataContent { { new StringContent(ImportSteps.Programme), "Programme" }, { new ByteArrayContent(ImportSteps.Example()), "File", "history.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(Url + "?handler=Check", upload)).StatusCode);
        Assert.Equal(0, (await ImportSteps.CountAsync(app)).Batches);
    }

    [Fact]
    public async Task Visitors_are_sent_to_sign_in()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_settings_page_links_to_the_import()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var page = await InstrumentSteps.PageAsync(client, "/admin");
        Assert.NotNull(page.QuerySelector("[data-testid=admin-links] a[href='/admin/import']"));
    }

    [Fact]
    public async Task A_file_with_errors_shows_each_by_line_keeps_the_programme_and_stores_nothing()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var before = await ImportSteps.CountAsync(app);
        var file = ImportSteps.File(
            "record=referral;case_id=E1;received_date=2025-01-10;route=self;client_type=individual;status=ended;reason=finished;end_date=2025-02-01",
            "record=person;case_id=E1;person=1;ethnic_category=Q");

        var response = await CheckAsync(client, ImportSteps.Programme, file, "bad.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        Assert.Equal(["The file has 2 problems, listed below by line. Nothing was imported: correct the file and check it again"], HtmlForm.ErrorSummary(page));
        Assert.Equal(
        [
            "line 2 (case E1, record referral): unknown reason \"finished\" for an ended case (Completed, Disengaged, MovedAway, Risk, ServiceEnded, ReferredElsewhere, Other)",
            "line 3 (case E1, record person): unknown ethnic category code \"Q\" (NHS ethnic category codes A to S, or Z for not stated)",
        ], page.QuerySelectorAll("[data-testid=file-errors] li").Select(li => li.TextContent.Trim()));
        Assert.Equal(ImportSteps.Programme, page.QuerySelector<IHtmlSelectElement>("select#Programme")!.Value);
        Assert.Null(page.QuerySelector("[data-testid=import]"));
        Assert.Equal(before, await ImportSteps.CountAsync(app));
    }

    [Fact]
    public async Task No_programme_and_a_file_that_is_not_csv_are_both_reported()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);

        var response = await CheckAsync(client, "", ImportSteps.Example(), "history.xlsx");

        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(["Choose the programme the records belong to", "The file must be a .csv file"], HtmlForm.ErrorSummary(page));
        Assert.Equal(0, (await ImportSteps.CountAsync(app)).Batches);
    }

    [Fact]
    public async Task A_good_file_is_checked_without_storing_then_imported_once_however_often_import_is_sent()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var before = await ImportSteps.CountAsync(app);

        var checkedPage = await HtmlForm.ParseAsync(await CheckAsync(client, ImportSteps.Programme, ImportSteps.Example(), "import-example.csv"));

        Assert.Equal(
            ["3 referrals, as finished cases", "5 people", "2 assessments", "10 sessions", "9 questionnaire scores (5 sittings)"],
            checkedPage.QuerySelectorAll("[data-testid=would-add] li").Select(li => li.TextContent.Trim()));
        Assert.Equal(before, await ImportSteps.CountAsync(app));

        var confirm = HtmlForm.FromResponse(checkedPage, Url, "form[action*='handler=Import']");
        var first = await confirm.PostAsync(client, []);
        var second = await confirm.PostAsync(client, []);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        Assert.Equal(Url, first.Headers.Location!.OriginalString);
        Assert.Equal(
            new ImportSteps.Stored(before.Batches + 1, before.Referrals + 3, before.People + 5, before.Assessments + 2, before.Sessions + 10, before.Requests + 5, before.Scores + 9),
            await ImportSteps.CountAsync(app));
        // The second "Import" found the file imported already: the page says so (the first one's message was already shown).
        var list = await InstrumentSteps.PageAsync(client, Url);
        Assert.StartsWith("This file was imported into nhs-staff on 2 Nov 2026 at 10:00 by ", list.QuerySelector("[data-testid=success]")!.TextContent.Trim().Replace("Success", "", StringComparison.Ordinal).Trim(), StringComparison.Ordinal);
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=batches] tbody tr"));
        Assert.Contains("import-example.csv", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_case_shows_where_it_came_from_to_a_manager()
    {
        var outcome = await ImportSteps.ImportAsync(app, ImportSteps.Example(), fileName: "import-example.csv");
        var reference = await app.QueryDbAsync(db => db.Referrals.Where(r => r.ImportBatchId == outcome.BatchId && r.ExternalCaseId == "C1001")
            .Select(r => r.Reference).SingleAsync());
        var manager = await app.SignedInClientAsync(Roles.Manager);

        var page = await InstrumentSteps.PageAsync(manager, $"/cases/{reference}");

        Assert.Equal("Imported from import-example.csv on 2 Nov 2026, from the service's past records.", page.QuerySelector("[data-testid=imported]")!.TextContent.Trim());
        Assert.Equal("Ended", page.QuerySelector("[data-testid=status]")!.TextContent.Trim());
    }

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string programme, byte[] file, string fileName)
    {
        var form = await HtmlForm.GetAsync(client, Url);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.CurrentFields().Where(f => f.Key != "Programme"))
        {
            content.Add(new StringContent(value), name);
        }
        content.Add(new StringContent(programme), "Programme");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "File", fileName);
        return await client.PostAsync(Url + "?handler=Check", content);
    }
}
