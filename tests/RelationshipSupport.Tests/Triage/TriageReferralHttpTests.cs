using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Triage;

/// <summary><c>/triage/referral/{reference}</c> through real HTTP: viewing (audited), 404s, and recording contact attempts.</summary>
public sealed class TriageReferralHttpTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Url(string reference) => $"/triage/referral/{reference}";

    private string UkNow(string format) => TriageQueueHttpTests.UkNow(app).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A valid contact attempt made now, as the form would post it (the date boxes are already filled in with today).</summary>
    private Dictionary<string, string?> ValidAttempt() => new()
    {
        ["Input.Time"] = UkNow("HH:mm"),
        ["Input.Method"] = "Phone",
        ["Input.Outcome"] = "LeftMessage",
        ["Input.Note"] = "Left a message saying only that it was the service, as agreed.",
    };

    private static string Value(IDocument page, string id) => page.QuerySelector<IHtmlInputElement>("#" + id)?.Value
        ?? page.QuerySelector<IHtmlTextAreaElement>("#" + id)?.Value
        ?? throw new Xunit.Sdk.XunitException($"No field #{id}");

    private static string? Checked(IDocument page, string name) =>
        page.QuerySelectorAll<IHtmlInputElement>($"input[name='{name}']").SingleOrDefault(i => i.IsChecked)?.Value;

    [Fact]
    public async Task Viewing_a_referral_shows_how_to_contact_them_safely_and_is_audited_with_who_when_and_from_where()
    {
        var lastName = TriageData.UniqueName("Viewed");
        var reference = await TriageData.SubmitAsync(app, lastName, firstName: "Viv", professional: true, risk: true);
        var user = await app.CreateUserAsync(Roles.Coordinator);
        var address = IPAddress.Parse("203.0.113.9");
        await using var server = TriageData.FromAddress(app, address);
        var client = await TriageData.SignInAsync(server, user.Email!);

        // Typed in lower case, as someone might: the page answers for the stored reference.
        var response = await client.GetAsync(Url(reference.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(reference, page.QuerySelector("[data-testid=reference]")!.TextContent.Trim());
        Assert.Contains($"Viv {lastName}", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Weekdays after 7pm, never at work", page.QuerySelector("[data-testid=safe-times]")!.TextContent.Trim());
        Assert.Equal("No", page.QuerySelector("[data-testid=may-leave-messages]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector(".nhsuk-tag--red"));
        var text = page.Body!.TextContent;
        Assert.Contains("07700900982", text, StringComparison.Ordinal);
        Assert.Contains("Sam Socialworker", text, StringComparison.Ordinal);
        Assert.Contains("Kid", text, StringComparison.Ordinal);
        Assert.Contains("Not sure", text, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=no-attempts]"));

        // This server is a host of its own, with its own audit writer.
        await server.Services.GetRequiredService<IAuditQueue>().FlushAsync();
        var entry = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ReferralViewed && a.EntityId == reference));
        Assert.Equal(user.Id, entry.UserId);
        Assert.Equal(user.DisplayName, entry.UserName);
        Assert.Equal("Referral", entry.EntityType);
        Assert.Equal(address.ToString(), entry.IpAddress);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, entry.AtUtc);
        Assert.False(string.IsNullOrEmpty(entry.CorrelationId));
        // The audit log holds no personal data about the client.
        Assert.DoesNotContain(lastName, entry.Detail ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RS-2222-2222", "RS-2222-2222", "no such referral")]
    [InlineData("not-a-reference", "not-a-reference", "not a reference")]
    public async Task An_unknown_reference_answers_404_and_is_audited(string reference, string auditedAs, string detail)
    {
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var response = await client.GetAsync(Url(reference));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entries = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == auditedAs).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(AuditActions.ReferralAccessDenied, entry.Action);
        Assert.Equal(detail, entry.Detail);
        Assert.NotNull(entry.UserId);
    }

    [Fact]
    public async Task Recording_a_contact_attempt_moves_a_new_referral_to_contacting_and_shows_it()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Contact"));
        var user = await app.CreateUserAsync(Roles.Coordinator);
        await using var server = TriageData.FromAddress(app, IPAddress.Parse("198.51.100.20"));
        var client = await TriageData.SignInAsync(server, user.Email!);
        var form = await HtmlForm.GetAsync(client, Url(reference));
        Assert.Equal("Received", form.Document.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        // Today's date is filled in; the time is left for the coordinator.
        Assert.Equal(UkNow("%d"), Value(form.Document, "Input_Date"));
        Assert.Equal("", Value(form.Document, "Input_Time"));

        var response = await form.PostAsync(client, ValidAttempt());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url(reference), response.Headers.Location!.OriginalString, ignoreCase: true);
        var page = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        Assert.Equal("Contact attempt recorded", page.QuerySelector("[data-testid=success] .nhsuk-notification-banner__heading")!.TextContent.Trim());
        Assert.Equal("Contacting", page.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=attempts] tbody tr"));
        Assert.Contains(UkNow("d MMM yyyy, HH:mm"), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Left a message", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("saying only that it was the service", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(user.DisplayName, row.TextContent, StringComparison.Ordinal);
        // The banner shows once.
        var again = await HtmlForm.ParseAsync(await client.GetAsync(Url(reference)));
        Assert.Null(again.QuerySelector("[data-testid=success]"));

        var stored = await app.QueryDbAsync(db => db.Referrals.Include(r => r.ContactAttempts).SingleAsync(r => r.Reference == reference));
        Assert.Equal(ReferralStatus.Contacting, stored.Status);
        var attempt = Assert.Single(stored.ContactAttempts);
        Assert.Equal((ContactMethod.Phone, ContactOutcome.LeftMessage, user.Id), (attempt.Method, attempt.Outcome, attempt.RecordedByUserId));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ContactAttemptRecorded && a.EntityId == reference));
        Assert.Equal((user.Id, "198.51.100.20"), (audit.UserId, audit.IpAddress));
        Assert.DoesNotContain("message saying", audit.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string> BadInput => new()
    {
        { "Input.Outcome", null, "Select what happened" },
        { "Input.Date.Day", "31", "Date of the contact attempt must be a real date, like 2 11 2026" },
        { "Input.Time", "FUTURE", "Time of the contact attempt must be now or in the past" },
        { "Input.Time", "7pm", "Enter the time using the 24-hour clock, like 14:30" },
        { "Input.Date.Year", "2099", "Date of the contact attempt must be today or in the past" },
        { "Input.Method", "Carrier pigeon", "Select how you tried to contact them" },
        { "Input.Note", new string('x', 1001), "Note must be 1000 characters or fewer" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_shown_in_an_error_summary_with_the_values_kept_and_nothing_saved(string field, string? value, string message)
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Invalid"));
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference));
        var post = ValidAttempt();
        if (field == "Input.Date.Day")
        {
            post["Input.Date.Month"] = "2"; // 31 February
        }
        // The test clock stands at 10:00, so 30 minutes ahead is still today.
        post[field] = value == "FUTURE" ? TriageQueueHttpTests.UkNow(app).AddMinutes(30).ToString("HH:mm", CultureInfo.InvariantCulture) : value;

        var response = await form.PostAsync(client, post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal([message], HtmlForm.ErrorSummary(page));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var link = page.QuerySelector(".nhsuk-error-summary__list a")!.GetAttribute("href")!;
        Assert.NotNull(page.QuerySelector(link));
        Assert.NotNull(page.QuerySelector(".nhsuk-form-group--error .nhsuk-error-message"));

        // What the coordinator typed is still there.
        Assert.Equal(post["Input.Note"], Value(page, "Input_Note"));
        Assert.Equal(post["Input.Time"], Value(page, "Input_Time"));
        if (field != "Input.Method") Assert.Equal("Phone", Checked(page, "Input.Method"));
        if (field != "Input.Outcome") Assert.Equal("LeftMessage", Checked(page, "Input.Outcome"));
        if (field == "Input.Date.Day") Assert.Equal(("31", "2"), (Value(page, "Input_Date"), Value(page, "Input_Date_Month")));

        var attempts = await app.QueryDbAsync(db => db.ContactAttempts.CountAsync(a => a.ReferralId == db.Referrals.Single(r => r.Reference == reference).Id));
        Assert.Equal(0, attempts);
        Assert.Equal(ReferralStatus.Received, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_business_rule_refusal_is_shown_to_the_coordinator()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Early"));
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference));
        var yesterday = TriageQueueHttpTests.UkNow(app).AddDays(-1);
        var post = ValidAttempt();
        post["Input.Date.Day"] = yesterday.Day.ToString(CultureInfo.InvariantCulture);
        post["Input.Date.Month"] = yesterday.Month.ToString(CultureInfo.InvariantCulture);
        post["Input.Date.Year"] = yesterday.Year.ToString(CultureInfo.InvariantCulture);

        var response = await form.PostAsync(client, post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal(["A contact attempt cannot be before the referral was received."], HtmlForm.ErrorSummary(page));
        Assert.Equal(post["Input.Note"], Value(page, "Input_Note"));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ContactAttempts.CountAsync(a => a.ReferralId == db.Referrals.Single(r => r.Reference == reference).Id)));
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_a_conflict_message_and_not_saved()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Conflict"));
        var first = await app.SignedInClientAsync(Roles.Coordinator);
        var second = await app.SignedInClientAsync(Roles.Coordinator);
        var firstForm = await HtmlForm.GetAsync(first, Url(reference));
        var secondForm = await HtmlForm.GetAsync(second, Url(reference));

        var firstResponse = await firstForm.PostAsync(first, ValidAttempt());
        Assert.Equal(HttpStatusCode.Redirect, firstResponse.StatusCode);

        var secondPost = ValidAttempt();
        secondPost["Input.Outcome"] = "Spoke";
        secondPost["Input.Note"] = "Spoke to them: they will call back on Tuesday.";
        var secondResponse = await secondForm.PostAsync(second, secondPost);

        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        var page = await HtmlForm.ParseAsync(secondResponse);
        Assert.Equal([new ConcurrencyConflictException().Message], HtmlForm.ErrorSummary(page));
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        // The second coordinator's values are kept, and the page now shows the first coordinator's attempt.
        Assert.Equal(secondPost["Input.Note"], Value(page, "Input_Note"));
        Assert.Equal("Spoke", Checked(page, "Input.Outcome"));
        Assert.Single(page.QuerySelectorAll("[data-testid=attempts] tbody tr"));

        var stored = await app.QueryDbAsync(db => db.Referrals.Include(r => r.ContactAttempts).SingleAsync(r => r.Reference == reference));
        var attempt = Assert.Single(stored.ContactAttempts);
        Assert.Equal(ContactOutcome.LeftMessage, attempt.Outcome);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ContactAttemptRecorded && a.EntityId == reference)));

        // Having seen the other change, the second coordinator may send their attempt again.
        var retry = await HtmlForm.FromResponse(page, Url(reference)).PostAsync(second, []);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(2, await app.QueryDbAsync(db => db.ContactAttempts.CountAsync(a => a.ReferralId == stored.Id)));
    }

    [Fact]
    public async Task Posting_to_an_unknown_reference_answers_404()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Posted"));
        var client = await app.SignedInClientAsync(Roles.Coordinator);
        var form = await HtmlForm.GetAsync(client, Url(reference));

        // The real form's fields (antiforgery token, version stamp), posted to another address.
        var fields = form.CurrentFields().Where(f => !f.Key.StartsWith("Input.", StringComparison.Ordinal) || f.Key is "Input.ConcurrencyStamp" or "Input.Date.Day" or "Input.Date.Month" or "Input.Date.Year")
            .Concat(ValidAttempt().Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)));
        var response = await client.PostAsync(Url("RS-3333-3333"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var entry = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == "RS-3333-3333"));
        Assert.Equal((AuditActions.ReferralAccessDenied, "no such referral"), (entry.Action, entry.Detail));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ContactAttempts.CountAsync(a => a.ReferralId == db.Referrals.Single(r => r.Reference == reference).Id)));
    }
}
