using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary>
/// <c>/admin/instruments</c> through real HTTP: the list of questionnaires and their versions, one version's
/// definition in words and as a file, adding a definition (new code, next version, the same file twice, a file with
/// problems), and retiring and reinstating a questionnaire.
/// </summary>
public sealed class InstrumentsHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] Pages =
        ["/admin/instruments", "/admin/instruments/CORE-10/1", "/admin/instruments/CORE-10/1?handler=Download", InstrumentSteps.UploadUrl];

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Supervisor)]
    public async Task Other_staff_are_refused_every_questionnaire_page_and_change(string role)
    {
        var client = await app.SignedInClientAsync(role);
        foreach (var url in Pages)
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"{role} was not refused {url}");
        }
        var upload = new MultipartFormDataContent { { new StringContent(InstrumentSteps.Example("NOPE")), "DefinitionFile", "nope.json" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(InstrumentSteps.UploadUrl, upload)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/admin/instruments/CORE-10/1?handler=Retire", new FormUrlEncodedContent([]))).StatusCode);
        Assert.False(await app.QueryDbAsync(db => db.Instruments.AnyAsync(i => i.Code == "NOPE" || i.IsRetired && i.Code == "CORE-10")));
    }

    [Fact]
    public async Task Visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();
        foreach (var url in Pages)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_list_shows_the_eight_built_in_questionnaires_as_version_1_with_the_programmes_that_give_them()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);

        var page = await InstrumentSteps.PageAsync(client, "/admin/instruments");

        foreach (var code in BuiltInInstruments.Codes)
        {
            var row = page.QuerySelector($"[data-testid=instruments] tr[data-code='{code}']")
                ?? throw new Xunit.Sdk.XunitException($"{code} is not listed");
            var first = row.QuerySelector("li[data-version='1']") ?? throw new Xunit.Sdk.XunitException($"{code} has no version 1");
            Assert.Contains("Built in", first.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/admin/instruments/{code}/1", first.QuerySelector("a")!.GetAttribute("href"));
        }
        // Both seeded programmes give CORE-10 by default; only the parents programme gives the argument items.
        Assert.Equal("Given by 2 programmes", Row(page, "CORE-10").QuerySelector("[data-testid=programmes]")!.TextContent.Trim());
        Assert.Equal("Given by 1 programme", Row(page, "ARGUMENT").QuerySelector("[data-testid=programmes]")!.TextContent.Trim());
        Assert.Equal("Not given by any programme", Row(page, "PHQ-9").QuerySelector("[data-testid=programmes]")!.TextContent.Trim());
        Assert.Contains("Current", Row(page, "CORE-10").QuerySelector("li[data-version='1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not used yet", Row(page, "PHQ-9").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_shows_its_exact_wording_reverse_scored_and_risk_items_and_its_scoring_in_words()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);

        var page = await InstrumentSteps.PageAsync(client, "/admin/instruments/CORE-10/1");

        var items = page.QuerySelectorAll("[data-testid=items] > li").ToList();
        Assert.Equal(10, items.Count);
        var definition = BuiltInInstruments.Definition("CORE-10");
        for (var n = 1; n <= 10; n++)
        {
            Assert.Equal(definition.Item(n).Text, items[n - 1].QuerySelector("strong")!.TextContent);
        }
        Assert.Equal(["2", "3"], items.Where(li => li.QuerySelector("[data-testid=reverse]") is not null).Select(li => li.GetAttribute("data-item")));
        Assert.Equal(["6"], items.Where(li => li.QuerySelector("[data-testid=risk]") is not null).Select(li => li.GetAttribute("data-item")));
        Assert.Contains("Self-harm and suicide: an answer of 1 or more alerts the case's clinicians", items[5].TextContent, StringComparison.Ordinal);
        Assert.Equal("Every question is answered on one scale: Not at all (0), Only occasionally (1), Sometimes (2), Often (3), Most or all of the time (4).",
            page.QuerySelector("[data-testid=answers]")!.TextContent);

        var score = page.QuerySelector("[data-score=total]")!.TextContent;
        Assert.Contains("Sum", score, StringComparison.Ordinal);
        Assert.Contains("Up to 1 of its 10 questions may be unanswered: the score is then prorated, the mean of the questions answered × 10. With 2 or more unanswered there is no score.",
            page.QuerySelector("[data-score=total] [data-testid=missing]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("11 and above is in the clinical range", score, StringComparison.Ordinal);
        Assert.Contains("Higher is worse: improvement is a fall", score, StringComparison.Ordinal);
        Assert.Contains("0 to under 6: Healthy", score, StringComparison.Ordinal);
        Assert.Contains("25 and above: Severe", score, StringComparison.Ordinal);
        Assert.Contains("A change of 6 or more is reliable", score, StringComparison.Ordinal);
        Assert.Contains("© CORE System Trust", page.QuerySelector("[data-testid=about]")!.TextContent, StringComparison.Ordinal);

        // The Risk score's linked CORE-10 item is named as such.
        var risk = await InstrumentSteps.PageAsync(client, "/admin/instruments/CORE-RISK/1");
        Assert.Contains("CORE-10 question 6, answered at the same sitting", risk.QuerySelector("[data-score]")!.TextContent, StringComparison.Ordinal);
        // CSI-4's first question has its own scale: each question shows its answers.
        var csi = await InstrumentSteps.PageAsync(client, "/admin/instruments/CSI-4/1");
        Assert.Null(csi.QuerySelector("[data-testid=answers]"));
        Assert.Contains("Answers: Extremely unhappy (0)", csi.QuerySelector("[data-testid=items] > li[data-item='1']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/instruments/CORE-10/99")).StatusCode);
    }

    [Fact]
    public async Task Download_returns_the_definition_exactly_as_stored()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var page = await InstrumentSteps.PageAsync(client, "/admin/instruments/CORE-10/1");
        var href = page.QuerySelector("[data-testid=download]")!.GetAttribute("href")!;

        var response = await client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("CORE-10-v1.json", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var stored = await app.QueryDbAsync(db => db.Instruments.Where(i => i.Code == "CORE-10" && i.Version == 1).Select(i => i.DefinitionJson).SingleAsync());
        Assert.Equal(stored, await response.Content.ReadAsStringAsync());
        Assert.Equal(BuiltInInstruments.Json("CORE-10"), stored);
    }

    [Fact]
    public async Task The_couple_communication_example_is_added_as_version_1_scores_and_a_changed_copy_becomes_version_2()
    {
        var (admin, client) = await InstrumentSteps.AdministratorAsync(app);
        var text = InstrumentSteps.ExampleText();

        var added = await InstrumentSteps.UploadAsync(client, text, "couple-communication.json");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/admin/instruments/CCQ/1", added.Headers.Location!.OriginalString);
        var view = await InstrumentSteps.PageAsync(client, "/admin/instruments/CCQ/1");
        Assert.Equal("CCQ added as version 1. Choose the programmes that give it in their settings", SettingsData.Success(view));
        Assert.Contains("ILLUSTRATIVE EXAMPLE ONLY", view.QuerySelector("[data-testid=licence]")!.TextContent, StringComparison.Ordinal);
        var stored = await app.QueryDbAsync(db => db.Instruments.AsNoTracking().SingleAsync(i => i.Code == "CCQ"));
        Assert.Equal(1, stored.Version);
        Assert.False(stored.IsBuiltIn);
        Assert.False(stored.IsRetired);
        Assert.Equal(admin.DisplayName, stored.CreatedByName);
        Assert.Equal(text, stored.DefinitionJson);

        // It scores through the one engine: conflict is a sum (item 8 reverse-scored), violent problem solving a mean.
        var answers = new Dictionary<int, int>
        {
            [1] = 4, [2] = 4, [3] = 3, [4] = 4, [5] = 3, [6] = 4, [7] = 3, [8] = 3,
            [9] = 2, [10] = 3, [11] = 2, [12] = 3, [13] = 2,
        };
        var outcome = ScoringEngine.Score(stored.Definition, answers);
        Assert.Equal(28, outcome.Score("conflict")!.Value);
        Assert.Equal(2.4, outcome.Score("violentProblemSolving")!.Value!.Value, 10);
        Assert.Equal(RiskArea.DomesticAbuse, Assert.Single(outcome.RiskFlags).Area);
        answers[8] = 1; // "never able to sort out disagreements calmly" counts as 5 towards conflict
        Assert.Equal(30, ScoringEngine.Score(stored.Definition, answers).Score("conflict")!.Value);
        answers.Remove(1); // one item missing: prorated, 26 × 8 / 7
        Assert.Equal(26.0 * 8 / 7, ScoringEngine.Score(stored.Definition, answers).Score("conflict")!.Value!.Value, 10);
        Assert.Contains(await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.InstrumentAdded && a.EntityId == "CCQ").Select(a => a.Detail).ToListAsync()),
            d => d == "version=1");
        // The catalogue offers it for new questionnaires.
        Assert.Equal(1, await app.QueryDbAsync(db => new InstrumentCatalogue(db).Current().Where(i => i.Code == "CCQ").Select(i => i.Version).SingleAsync()));

        // The same file again, even with Windows line endings (a form sent twice, say): nothing is added.
        var again = await InstrumentSteps.UploadAsync(client, text.Replace("\n", "\r\n", StringComparison.Ordinal), "couple-communication.json");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/admin/instruments/CCQ/1", again.Headers.Location!.OriginalString);
        Assert.Equal("Nothing added: the file is the same as CCQ version 1", SettingsData.Success(await InstrumentSteps.PageAsync(client, "/admin/instruments/CCQ/1")));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Instruments.CountAsync(i => i.Code == "CCQ")));

        // A changed copy is the next version; version 1 stays exactly as it was.
        var changed = text.Replace("We argue about small, everyday things", "We argue about little, everyday things", StringComparison.Ordinal);
        var second = await InstrumentSteps.UploadAsync(client, changed, "couple-communication-v2.json");
        Assert.Equal("/admin/instruments/CCQ/2", second.Headers.Location!.OriginalString);
        var versions = await app.QueryDbAsync(db => db.Instruments.Where(i => i.Code == "CCQ").OrderBy(i => i.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(text, versions[0].DefinitionJson);
        Assert.Equal("We argue about little, everyday things", versions[1].Definition.Item(1).Text);
        Assert.Equal(2, await app.QueryDbAsync(db => new InstrumentCatalogue(db).Current().Where(i => i.Code == "CCQ").Select(i => i.Version).SingleAsync()));

        var list = await InstrumentSteps.PageAsync(client, "/admin/instruments");
        var row = Row(list, "CCQ");
        Assert.Equal(["2", "1"], row.QuerySelectorAll("li[data-version]").Select(li => li.GetAttribute("data-version")));
        Assert.Contains("Current", row.QuerySelector("li[data-version='2']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Current", row.QuerySelector("li[data-version='1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Added by {admin.DisplayName}", row.TextContent, StringComparison.Ordinal);
        var earlier = await InstrumentSteps.PageAsync(client, "/admin/instruments/CCQ/1");
        Assert.Contains("Earlier version", earlier.QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_with_problems_is_shown_back_with_every_problem_and_nothing_is_stored()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = InstrumentSteps.UniqueCode("BAD");
        var text = InstrumentSteps.Example(code, json =>
        {
            json["items"]![7]!["responses"] = "agreement";              // reverse-scored item pointing to a missing response set
            json["scores"]![1]!["key"] = "conflict";                    // two scores with one key
            json["scores"]![0]!["maxMissing"] = 8;                      // as many missing as there are items
            json["items"]![12]!["risk"]!["atOrAbove"] = 1;              // "Never" cannot be a risk answer
        });
        var expected = InstrumentDefinitionRules.Problems(InstrumentDefinition.Parse(text));
        Assert.Equal(4, expected.Count);

        var response = await InstrumentSteps.UploadAsync(client, text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(expected, HtmlForm.ErrorSummary(page));
        Assert.Contains("items[7]: responses \"agreement\" is not one of the responseSets.", HtmlForm.ErrorSummary(page));
        Assert.Contains("scores: each score needs its own key.", HtmlForm.ErrorSummary(page));
        Assert.Equal("#DefinitionFile", page.QuerySelector(".nhsuk-error-summary__list li a")!.GetAttribute("href"));
        Assert.Contains("The file has 4 problems, listed above", page.QuerySelector("#DefinitionFile-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.QueryDbAsync(db => db.Instruments.AnyAsync(i => i.Code == code)));
    }

    [Theory]
    [InlineData("{ \"code\": \"X\", \"items\": [ ", "definition.json", "The definition file is not valid JSON for a questionnaire")]
    [InlineData("{ \"code\": \"X\", \"colour\": \"blue\" }", "definition.json", "The definition file is not valid JSON for a questionnaire")]
    [InlineData("{ \"code\": \"X\" }", "definition.txt", "The definition file must be a .json file")]
    [InlineData("   ", "definition.json", "The definition file is empty")]
    [InlineData(null, null, "Choose a definition file to upload")]
    [InlineData("{ \"code\": \"X\", \"name\": \"X\", \"responseSets\": {}, \"items\": [ null ] }", "definition.json", "items[0]: the item is empty (null).")]
    public async Task A_file_that_is_not_a_definition_is_refused_with_one_clear_message(string? text, string? fileName, string message)
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var before = await app.QueryDbAsync(db => db.Instruments.CountAsync());

        var response = await InstrumentSteps.UploadAsync(client, text, fileName ?? "x.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(message, Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(response))), StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryDbAsync(db => db.Instruments.CountAsync()));
    }

    [Fact]
    public async Task A_file_over_256_KB_is_refused()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = InstrumentSteps.UniqueCode("BIG");
        var text = InstrumentSteps.Example(code, json => json["source"] = new string('x', 300 * 1024));

        var response = await InstrumentSteps.UploadAsync(client, text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["The definition file must be 256 KB or smaller"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(response)));
        Assert.False(await app.QueryDbAsync(db => db.Instruments.AnyAsync(i => i.Code == code)));
    }

    [Fact]
    public async Task A_code_that_differs_only_in_case_from_one_that_exists_is_refused()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var text = BuiltInInstruments.Json("GAD-7").Replace("\"code\": \"GAD-7\"", "\"code\": \"gad-7\"", StringComparison.Ordinal);

        var response = await InstrumentSteps.UploadAsync(client, text);

        Assert.StartsWith("code: GAD-7 already exists", Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(response))), StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Instruments.CountAsync(i => i.Code == "GAD-7" || i.Code == "gad-7")));
    }

    [Fact]
    public async Task Retiring_stops_a_questionnaire_being_offered_and_reinstating_brings_it_back_with_every_version()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = InstrumentSteps.UniqueCode("RET");
        await InstrumentSteps.UploadAsync(client, InstrumentSteps.Example(code));
        await InstrumentSteps.UploadAsync(client, InstrumentSteps.Example(code, json => json["name"] = "Changed name"));

        var view = await InstrumentSteps.PageAsync(client, $"/admin/instruments/{code}/2");
        var retire = await HtmlForm.FromResponse(view, $"/admin/instruments/{code}/2", "#instrument-status").PostAsync(client, []);

        Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        var retired = await InstrumentSteps.PageAsync(client, $"/admin/instruments/{code}/2");
        Assert.Equal($"{code} retired: it is no longer given or offered", SettingsData.Success(retired));
        Assert.Contains("Retired", retired.QuerySelector("[data-testid=status]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.QueryDbAsync(db => db.Instruments.Where(i => i.Code == code).AllAsync(i => i.IsRetired)));
        Assert.False(await app.QueryDbAsync(db => new InstrumentCatalogue(db).Current().AnyAsync(i => i.Code == code)));
        var list = await InstrumentSteps.PageAsync(client, "/admin/instruments");
        Assert.NotNull(Row(list, code).QuerySelector("[data-testid=retired]"));
        Assert.DoesNotContain("Current", Row(list, code).TextContent, StringComparison.Ordinal);

        // The button sent twice changes nothing the second time.
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForm.FromResponse(view, $"/admin/instruments/{code}/2", "#instrument-status").PostAsync(client, [])).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.InstrumentRetired && a.EntityId == code)));

        // A new version of a retired questionnaire stays retired.
        var third = await InstrumentSteps.UploadAsync(client, InstrumentSteps.Example(code, json => json["name"] = "Third"));
        Assert.Equal($"/admin/instruments/{code}/3", third.Headers.Location!.OriginalString);
        Assert.StartsWith($"{code} version 3 added. The questionnaire is retired", SettingsData.Success(await InstrumentSteps.PageAsync(client, $"/admin/instruments/{code}/3")), StringComparison.Ordinal);
        Assert.False(await app.QueryDbAsync(db => new InstrumentCatalogue(db).Current().AnyAsync(i => i.Code == code)));

        var reinstate = await HtmlForm.GetAsync(client, $"/admin/instruments/{code}/3", "#instrument-status");
        Assert.Equal(HttpStatusCode.Redirect, (await reinstate.PostAsync(client, [])).StatusCode);
        Assert.True(await app.QueryDbAsync(db => db.Instruments.Where(i => i.Code == code).AllAsync(i => !i.IsRetired)));
        Assert.Equal(3, await app.QueryDbAsync(db => new InstrumentCatalogue(db).Current().Where(i => i.Code == code).Select(i => i.Version).SingleAsync()));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.InstrumentReinstated && a.EntityId == code)));
    }

    [Fact]
    public async Task Questionnaires_given_under_a_version_keep_it_when_a_new_version_is_added_and_the_list_says_it_was_used()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = InstrumentSteps.UniqueCode("USED");
        await InstrumentSteps.UploadAsync(client, InstrumentSteps.Example(code));
        var (reference, therapist) = await Outcomes.OutcomeData.EmailableCaseAsync(app);
        var programme = await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Programme!.Code).SingleAsync());

        // The case's programme gives it at follow-up (only that line changes on the form).
        var schedule = await HtmlForm.GetAsync(client, $"/admin/programmes/{programme}/questionnaires", "#schedule");
        var line = schedule.Document.QuerySelector($"[data-timepoint=FollowUp] [data-code='{code}'] input[type=checkbox]")!.GetAttribute("name")!;
        Assert.Equal(HttpStatusCode.Redirect, (await schedule.PostAsync(client, new() { [line] = "true|false" })).StatusCode);
        await Outcomes.OutcomeData.RequestAsync(app, reference, therapist, Timepoint.FollowUp, sendLinks: false);
        var v1 = await app.QueryDbAsync(db => db.Instruments.Where(i => i.Code == code && i.Version == 1).Select(i => i.Id).SingleAsync());
        Assert.Equal(2, await app.QueryDbAsync(db => db.QuestionnaireResponses.CountAsync(r => r.InstrumentId == v1)));

        await InstrumentSteps.UploadAsync(client, InstrumentSteps.Example(code, json => json["name"] = "Second version"));

        // The clients' questionnaires still point at version 1, and score with it.
        Assert.Equal(2, await app.QueryDbAsync(db => db.QuestionnaireResponses.CountAsync(r => r.InstrumentId == v1)));
        var row = Row(await InstrumentSteps.PageAsync(client, "/admin/instruments"), code);
        Assert.Contains("used: questionnaires were given under it", row.QuerySelector("li[data-version='1']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not used yet", row.QuerySelector("li[data-version='2']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Given by 1 programme", row.QuerySelector("[data-testid=programmes]")!.TextContent.Trim());
        Assert.StartsWith("Yes", (await InstrumentSteps.PageAsync(client, $"/admin/instruments/{code}/1")).QuerySelector("[data-testid=used]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Not yet", (await InstrumentSteps.PageAsync(client, $"/admin/instruments/{code}/2")).QuerySelector("[data-testid=used]")!.TextContent);
    }

    private static AngleSharp.Dom.IElement Row(AngleSharp.Dom.IDocument page, string code) =>
        page.QuerySelector($"[data-testid=instruments] tr[data-code='{code}']") ?? throw new Xunit.Sdk.XunitException($"{code} is not listed");
}
