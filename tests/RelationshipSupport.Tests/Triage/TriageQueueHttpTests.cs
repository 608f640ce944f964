using RelationshipSupport.Domain;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Triage;

/// <summary><c>/triage</c> through real HTTP: who may see it, the order, the filters and the search.</summary>
public sealed class TriageQueueHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<IElement> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=queue] tbody tr").ToList();

    private static List<string> References(IDocument page) => Rows(page).Select(r => r.GetAttribute("data-reference")!).ToList();

    private static IElement RowFor(IDocument page, string reference) =>
        Rows(page).SingleOrDefault(r => r.GetAttribute("data-reference") == reference) ?? throw new Xunit.Sdk.XunitException($"{reference} is not in the queue");

    private async Task<IDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForm.ParseAsync(response);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/triage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath, ignoreCase: true);
        Assert.Contains("ReturnUrl=%2Ftriage", response.Headers.Location.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Administrator)]
    public async Task Other_roles_are_refused_the_queue_and_a_referral(string role)
    {
        var lastName = TriageData.UniqueName("Refused");
        var reference = await TriageData.SubmitAsync(app, lastName);
        var client = await app.SignedInClientAsync(role);

        foreach (var url in new[] { "/triage", $"/triage?Search={lastName}", $"/triage/referral/{reference}" })
        {
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("You do not have permission to see this page", body, StringComparison.Ordinal);
            Assert.DoesNotContain(lastName, body, StringComparison.Ordinal);
        }
        var viewed = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralViewed && a.EntityId == reference));
        Assert.Equal(0, viewed);
    }

    [Fact]
    public async Task A_coordinator_sees_referrals_oldest_first_with_their_age_in_days_and_risk_flag()
    {
        var lastName = TriageData.UniqueName("Ordering");
        var oldest = await TriageData.SubmitAsync(app, lastName, firstName: "Oldest", risk: true);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var middle = await TriageData.SubmitAsync(app, lastName, firstName: "Middle");
        app.Clock.Advance(TimeSpan.FromDays(1));
        var newest = await TriageData.SubmitAsync(app, lastName, firstName: "Newest");
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var page = await GetPageAsync(client, $"/triage?Search={lastName}");

        Assert.Equal([oldest, middle, newest], References(page));
        Assert.Equal(["3", "1", "0"], Rows(page).Select(r => r.QuerySelector("[data-testid=age]")!.TextContent.Trim()));
        Assert.Equal($"Oldest {lastName}", RowFor(page, oldest).QuerySelector("[data-testid=name]")!.TextContent.Trim());
        Assert.Equal("Risk flag", RowFor(page, oldest).QuerySelector(".nhsuk-tag--red")!.TextContent.Trim());
        Assert.Null(RowFor(page, middle).QuerySelector(".nhsuk-tag--red"));
        Assert.All(Rows(page), r => Assert.Equal("Received", r.QuerySelector("[data-testid=status]")!.TextContent.Trim()));
        Assert.Equal($"/triage/referral/{oldest}", RowFor(page, oldest).QuerySelector("a")!.GetAttribute("href"));

        // Accessible table markup: a caption, column headers and row headers.
        Assert.Contains("oldest first", page.QuerySelector("[data-testid=queue] caption")!.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("[data-testid=queue] thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(Rows(page), r => Assert.Equal("row", r.QuerySelector("th")!.GetAttribute("scope")));

        // Without a search the whole open queue is in the same order.
        var all = References(await GetPageAsync(client, "/triage"));
        Assert.True(all.IndexOf(oldest) < all.IndexOf(middle) && all.IndexOf(middle) < all.IndexOf(newest), string.Join(", ", all));

        var audited = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.TriageQueueViewed).ToListAsync());
        Assert.Contains(audited, a => a.Detail!.Contains("search=name", StringComparison.Ordinal));
        Assert.DoesNotContain(audited, a => a.Detail!.Contains(lastName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_coordinator_can_filter_by_programme_and_status()
    {
        var lastName = TriageData.UniqueName("Filter");
        var staff = await TriageData.SubmitAsync(app, lastName, firstName: "Staff");
        var parents = await TriageData.SubmitAsync(app, lastName, firstName: "Parent", professional: true);
        var contacted = await TriageData.SubmitAsync(app, lastName, firstName: "Contacted");
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        await RecordContactAttemptAsync(app, client, contacted);

        Assert.Equal([staff, parents, contacted], References(await GetPageAsync(client, $"/triage?Search={lastName}")));
        Assert.Equal([staff, contacted], References(await GetPageAsync(client, $"/triage?Search={lastName}&ProgrammeCode=nhs-staff")));
        Assert.Equal([parents], References(await GetPageAsync(client, $"/triage?Search={lastName}&ProgrammeCode=parents-in-conflict")));
        Assert.Equal([staff, parents], References(await GetPageAsync(client, $"/triage?Search={lastName}&Status=Received")));
        Assert.Equal([staff], References(await GetPageAsync(client, $"/triage?Search={lastName}&Status=Received&ProgrammeCode=nhs-staff")));

        var contacting = await GetPageAsync(client, $"/triage?Search={lastName}&Status=Contacting");
        Assert.Equal([contacted], References(contacting));
        Assert.Equal("Contacting", RowFor(contacting, contacted).QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Equal("1", RowFor(contacting, contacted).QuerySelector("[data-testid=attempts]")!.TextContent.Trim());

        // Nothing closed yet: the empty state, with the filters kept in the form.
        var closed = await GetPageAsync(client, $"/triage?Search={lastName}&Status=Closed&ProgrammeCode=nhs-staff");
        Assert.Empty(Rows(closed));
        Assert.NotNull(closed.QuerySelector("[data-testid=empty-queue]"));
        Assert.Equal("Closed", closed.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Status")!.Value);
        Assert.Equal("nhs-staff", closed.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#ProgrammeCode")!.Value);
        Assert.Equal(lastName, closed.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Search")!.Value);
    }

    [Fact]
    public async Task An_unknown_programme_is_refused_with_an_error_summary()
    {
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var page = await GetPageAsync(client, "/triage?ProgrammeCode=no-such-programme");

        Assert.Equal(["Select a programme from the list"], HtmlForm.ErrorSummary(page));
        Assert.Empty(Rows(page));
        Assert.Equal(2, page.QuerySelectorAll("#ProgrammeCode option").Length - 1);
    }

    [Fact]
    public async Task A_coordinator_can_search_by_reference_typed_any_way_and_by_the_start_of_a_name()
    {
        var lastName = TriageData.UniqueName("Search");
        var partnerName = TriageData.UniqueName("Partner");
        var first = await TriageData.SubmitAsync(app, lastName, firstName: "Priya", partnerLastName: partnerName);
        var second = await TriageData.SubmitAsync(app, lastName, firstName: "Rory");
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        // A reference as a person might read it out over the phone: lower case, spaces, no dashes.
        var typed = first.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();
        Assert.Equal([first], References(await GetPageAsync(client, $"/triage?Search={Uri.EscapeDataString(typed)}")));
        Assert.Equal([first], References(await GetPageAsync(client, $"/triage?Search={first}")));

        // The start of a last name, in any case; the partner's name finds the referral too.
        Assert.Equal([first, second], References(await GetPageAsync(client, $"/triage?Search={lastName[..^2].ToLowerInvariant()}")));
        Assert.Equal([first], References(await GetPageAsync(client, $"/triage?Search={partnerName}")));
        // First name and the start of the last name.
        Assert.Equal([second], References(await GetPageAsync(client, $"/triage?Search=Rory+{lastName[..^3]}")));
        // Punctuation is not part of a name's search key, so a wildcard on its own matches nothing (not everything).
        Assert.Empty(Rows(await GetPageAsync(client, $"/triage?Search={Uri.EscapeDataString("%_")}")));
    }

    /// <summary>Records a "no answer" phone call at the current time through the referral page's form.</summary>
    internal static async Task RecordContactAttemptAsync(TestApp app, HttpClient client, string reference)
    {
        var form = await HtmlForm.GetAsync(client, $"/triage/referral/{reference}");
        var response = await form.PostAsync(client, new()
        {
            ["Input.Time"] = UkNow(app).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Method"] = "Phone",
            ["Input.Outcome"] = "NoAnswer",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The test clock's time as a coordinator in the UK reads it.</summary>
    internal static DateTime UkNow(TestApp app) => UkTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime);
}
