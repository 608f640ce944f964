using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Admin;

/// <summary>
/// <c>/admin/programmes/{code}/questionnaires</c> through real HTTP: which questionnaires a programme gives at each
/// timepoint and in what order, refused from an older form, and never a retired questionnaire.
/// </summary>
public sealed class ProgrammeQuestionnairesHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Url(string code) => $"/admin/programmes/{code}/questionnaires";

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Manager)]
    public async Task Other_staff_are_refused_the_page_and_the_save(string role)
    {
        var client = await app.SignedInClientAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url("nhs-staff"))).StatusCode);
        var post = await client.PostAsync(Url("nhs-staff"), new FormUrlEncodedContent([new("Input.Lines[0].Timepoint", "Intake"), new("Input.Lines[0].Code", "PHQ-9"), new("Input.Lines[0].Given", "true")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(await app.QueryDbAsync(db => db.ProgrammeInstruments.AnyAsync(p => p.InstrumentCode == "PHQ-9")));
    }

    [Fact]
    public async Task Visitors_are_sent_to_sign_in()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(Url("nhs-staff"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_page_shows_the_seeded_schedule_and_is_linked_from_the_programme()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);

        var settings = await InstrumentSteps.PageAsync(client, "/admin/programmes/parents-in-conflict");
        Assert.NotNull(settings.QuerySelector("a[href='/admin/programmes/parents-in-conflict/questionnaires']"));
        var page = await InstrumentSteps.PageAsync(client, Url("parents-in-conflict"));

        Assert.Equal(["CORE-10", "CORE-RISK", "CSI-4", "ARGUMENT"], Given(page, Timepoint.Intake));
        Assert.Equal(["CORE-10", "CORE-RISK", "CSI-4", "ARGUMENT", "SATISFACTION"], Given(page, Timepoint.End));
        Assert.Empty(Given(page, Timepoint.EverySession));
        Assert.Equal("1", OrderBox(page, Timepoint.Intake, "CORE-10").Value);
        // Every built-in questionnaire can be chosen at every timepoint.
        Assert.Superset(BuiltInInstruments.Codes.ToHashSet(), page.QuerySelectorAll("[data-timepoint=FollowUp] [data-code]").Select(e => e.GetAttribute("data-code")!).ToHashSet());
        Assert.Equal(["Intake", "Session", "End of sessions", "Follow-up"], page.QuerySelectorAll("legend").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task Saving_replaces_the_schedule_in_the_order_given_and_is_audited()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = await SettingsData.AddProgrammeAsync(app, "sched");
        var form = await HtmlForm.GetAsync(client, Url(code), "#schedule");
        Assert.Empty(Given(form.Document, Timepoint.Intake));

        var saved = await form.PostAsync(client, Choose(form.Document,
            (Timepoint.Intake, "CORE-10", "2"), (Timepoint.Intake, "CSI-4", "1"), (Timepoint.Intake, "PHQ-9", ""),
            (Timepoint.End, "CORE-10", "1"), (Timepoint.FollowUp, "NPS", "")));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Url(code), saved.Headers.Location!.OriginalString);
        var page = await InstrumentSteps.PageAsync(client, Url(code));
        Assert.Equal("Questionnaires saved", SettingsData.Success(page));
        Assert.Equal(["CSI-4", "CORE-10", "PHQ-9"], Given(page, Timepoint.Intake));
        Assert.Equal(["CORE-10"], Given(page, Timepoint.End));
        Assert.Equal(["NPS"], Given(page, Timepoint.FollowUp));
        Assert.Equal("3", OrderBox(page, Timepoint.Intake, "PHQ-9").Value);
        Assert.Equal(["CSI-4", "CORE-10", "PHQ-9"], await ScheduledAsync(code, Timepoint.Intake));

        // Change it: a questionnaire taken off, another moved.
        var form2 = HtmlForm.FromResponse(page, Url(code), "#schedule");
        Assert.Equal(HttpStatusCode.Redirect, (await form2.PostAsync(client, Choose(page, (Timepoint.Intake, "PHQ-9", "1"), (Timepoint.Intake, "CORE-10", "2")))).StatusCode);
        Assert.Equal(["PHQ-9", "CORE-10"], await ScheduledAsync(code, Timepoint.Intake));
        Assert.Empty(await ScheduledAsync(code, Timepoint.End));
        Assert.Equal(2, await app.QueryDbAsync(db => db.ProgrammeInstruments.CountAsync(p => p.ProgrammeId == db.Programmes.Single(x => x.Code == code).Id)));

        var audit = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ProgrammeQuestionnairesSaved && a.EntityId == code)
            .OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync());
        Assert.Equal(["Intake=CSI-4,CORE-10,PHQ-9; End=CORE-10; FollowUp=NPS", "Intake=PHQ-9,CORE-10"], audit);
    }

    [Fact]
    public async Task A_form_older_than_the_last_save_is_refused_and_the_same_form_sent_twice_changes_nothing()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = await SettingsData.AddProgrammeAsync(app, "stale");
        var form = await HtmlForm.GetAsync(client, Url(code), "#schedule");
        var first = Choose(form.Document, (Timepoint.Intake, "CORE-10", "1"));
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, first)).StatusCode);
        var stamp = await app.QueryDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.ConcurrencyStamp).SingleAsync());
        Assert.NotEqual(form.Form.QuerySelector<IHtmlInputElement>("[name='Input.ConcurrencyStamp']")!.Value, stamp.ToString());

        // The same form again (a double click): the schedule is already what it asks for.
        var twice = await form.PostAsync(client, first);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Equal("No change: the programme already gives these questionnaires", SettingsData.Success(await InstrumentSteps.PageAsync(client, Url(code))));

        // The old form with other choices: refused, nothing changes, the user's choices are kept.
        var stale = await form.PostAsync(client, Choose(form.Document, (Timepoint.Intake, "GAD-7", "1")));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HtmlForm.ParseAsync(stale);
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Single(HtmlForm.ErrorSummary(page));
        Assert.Contains("Intake: CORE-10", page.QuerySelector("[data-testid=saved-schedule]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["GAD-7"], Given(page, Timepoint.Intake));
        Assert.Equal(["CORE-10"], await ScheduledAsync(code, Timepoint.Intake));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ProgrammeQuestionnairesSaved && a.EntityId == code)));

        // Saving the re-rendered form is then a deliberate choice over the other change.
        var again = await HtmlForm.FromResponse(page, Url(code), "#schedule").PostAsync(client, []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(["GAD-7"], await ScheduledAsync(code, Timepoint.Intake));
    }

    [Fact]
    public async Task An_order_that_is_not_a_number_is_shown_back_beside_its_questionnaire()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = await SettingsData.AddProgrammeAsync(app, "order");
        var form = await HtmlForm.GetAsync(client, Url(code), "#schedule");

        var response = await form.PostAsync(client, Choose(form.Document, (Timepoint.End, "CSI-4", "first"), (Timepoint.End, "CORE-10", "1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(["The order of CSI-4 at end of sessions must be a whole number from 1 to 99, or blank"], HtmlForm.ErrorSummary(page));
        var link = page.QuerySelector(".nhsuk-error-summary__list a")!.GetAttribute("href")!;
        Assert.Equal(OrderBox(page, Timepoint.End, "CSI-4").Id, link.TrimStart('#'));
        Assert.Equal("first", OrderBox(page, Timepoint.End, "CSI-4").Value);
        // The lines stay where the user saw them, with their ticks.
        Assert.Equal(["CORE-10", "CSI-4"], Given(page, Timepoint.End));
        Assert.Empty(await ScheduledAsync(code, Timepoint.End));
    }

    [Fact]
    public async Task A_retired_questionnaire_is_not_offered_cannot_be_saved_and_comes_back_when_reinstated()
    {
        var (_, client) = await InstrumentSteps.AdministratorAsync(app);
        var code = await SettingsData.AddProgrammeAsync(app, "retired");
        var instrument = InstrumentSteps.UniqueCode("OWN");
        Assert.Equal(HttpStatusCode.Redirect, (await InstrumentSteps.UploadAsync(client, InstrumentSteps.Example(instrument))).StatusCode);
        var form = await HtmlForm.GetAsync(client, Url(code), "#schedule");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, Choose(form.Document, (Timepoint.Intake, "CORE-10", "1"), (Timepoint.Intake, instrument, "2")))).StatusCode);
        Assert.Equal(["CORE-10", instrument], await ScheduledAsync(code, Timepoint.Intake));
        var before = await InstrumentSteps.PageAsync(client, Url(code));

        var retire = await HtmlForm.GetAsync(client, $"/admin/instruments/{instrument}/1", "#instrument-status");
        Assert.Equal(HttpStatusCode.Redirect, (await retire.PostAsync(client, [])).StatusCode);

        var page = await InstrumentSteps.PageAsync(client, Url(code));
        Assert.Empty(page.QuerySelectorAll($"[data-code='{instrument}']"));
        Assert.Contains(instrument, page.QuerySelector("[data-testid=retired-Intake]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["CORE-10"], await ScheduledAsync(code, Timepoint.Intake));

        // A form from before it was retired, asking for it somewhere new: refused, nothing changes.
        var old = HtmlForm.FromResponse(before, Url(code), "#schedule");
        var refused = await old.PostAsync(client, Choose(before, (Timepoint.End, instrument, "1")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith($"{instrument} is retired or no longer exists", Assert.Single(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(refused))), StringComparison.Ordinal);
        Assert.Empty(await ScheduledAsync(code, Timepoint.End));

        // Saving without it keeps it in the schedule, not given; reinstated, it is given again in its place.
        var current = HtmlForm.FromResponse(page, Url(code), "#schedule");
        Assert.Equal(HttpStatusCode.Redirect, (await current.PostAsync(client, Choose(page, (Timepoint.Intake, "CORE-10", "1"), (Timepoint.Intake, "CSI-4", "2")))).StatusCode);
        var reinstate = await HtmlForm.GetAsync(client, $"/admin/instruments/{instrument}/1", "#instrument-status");
        Assert.Equal(HttpStatusCode.Redirect, (await reinstate.PostAsync(client, [])).StatusCode);
        Assert.Equal(["CORE-10", "CSI-4", instrument], await ScheduledAsync(code, Timepoint.Intake));
        Assert.Equal(["CORE-10", "CSI-4", instrument], Given(await InstrumentSteps.PageAsync(client, Url(code)), Timepoint.Intake));
    }

    /// <summary>The codes ticked at a timepoint, in the order the page lists them.</summary>
    private static List<string> Given(IDocument page, Timepoint timepoint) =>
        page.QuerySelectorAll($"[data-timepoint={timepoint}] [data-code]")
            .Where(e => e.QuerySelector<IHtmlInputElement>("input[type=checkbox]")!.IsChecked)
            .Select(e => e.GetAttribute("data-code")!)
            .ToList();

    private static IHtmlInputElement OrderBox(IDocument page, Timepoint timepoint, string code) =>
        page.QuerySelector($"[data-timepoint={timepoint}] [data-code='{code}']")!.QuerySelector<IHtmlInputElement>("input[name$='.Order']")!;

    /// <summary>The form's values with exactly these questionnaires ticked (with these orders) and every other one unticked.</summary>
    private static Dictionary<string, string?> Choose(IDocument page, params (Timepoint Timepoint, string Code, string Order)[] chosen)
    {
        var values = new Dictionary<string, string?>();
        foreach (var line in page.QuerySelectorAll("#schedule [data-code]"))
        {
            var timepoint = Enum.Parse<Timepoint>(line.Closest("[data-timepoint]")!.GetAttribute("data-timepoint")!);
            var code = line.GetAttribute("data-code")!;
            var prefix = line.QuerySelector<IHtmlInputElement>("input[type=checkbox]")!.Name![..^".Given".Length];
            var pick = chosen.Where(c => c.Timepoint == timepoint && c.Code == code).ToList();
            values[$"{prefix}.Given"] = pick.Count > 0 ? "true|false" : "false";
            values[$"{prefix}.Order"] = pick.Count > 0 ? pick[0].Order : "";
        }
        Assert.True(chosen.All(c => page.QuerySelector($"[data-timepoint={c.Timepoint}] [data-code='{c.Code}']") is not null),
            "A questionnaire chosen is not on the form");
        return values;
    }

    private Task<List<string>> ScheduledAsync(string programmeCode, Timepoint timepoint) => app.QueryDbAsync(async db =>
    {
        var id = await db.Programmes.Where(p => p.Code == programmeCode).Select(p => p.Id).SingleAsync();
        return (await new InstrumentCatalogue(db).ScheduledAsync(id, timepoint, CancellationToken.None)).Select(i => i.Code).ToList();
    });
}
