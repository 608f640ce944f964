using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Referrals;

/// <summary>The public referral forms through real HTTP: antiforgery, validation, idempotency, confirmation.</summary>
public sealed class SubmitReferralHttpTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_valid_self_referral_is_stored_once_and_confirmed_with_a_reference()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");

        var response = await form.PostAsync(client, ReferralFormData.SelfReferral(firstName: "Valid"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/refer/Confirmation", response.Headers.Location!.OriginalString, ignoreCase: true);
        var confirmation = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        var reference = confirmation.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        Assert.Matches("^RS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", reference);
        Assert.Contains("North East London Staff Wellbeing Hub", confirmation.Body!.TextContent);
        Assert.Contains("116 123", confirmation.Body.TextContent);

        var stored = await app.QueryDbAsync(db => db.Referrals.Include(r => r.People).SingleAsync(r => r.Reference == reference));
        Assert.Equal(2, stored.People.Count);
        Assert.False(stored.RiskFlag);
    }

    [Fact]
    public async Task Bad_input_re_renders_with_an_error_summary_linked_to_the_fields_and_the_values_kept()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");
        var values = ReferralFormData.SelfReferral(firstName: "Kept-Value");
        values["Input.Primary.Email"] = "kept@@example";
        values["Input.Primary.DateOfBirth.Day"] = "31";
        values["Input.Primary.DateOfBirth.Month"] = "2";
        values["Input.Difficulty"] = new string('d', 2001);
        values["Input.DomesticAbuse"] = null;

        var response = await form.PostAsync(client, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.StartsWith("Error:", page.Title);
        var links = page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent)).ToList();
        Assert.Contains(links, l => l.Href == "#Input_Primary_Email" && l.Text.StartsWith("Enter the email address in the correct format", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href == "#Input_Primary_DateOfBirth" && l.Text == "Date of birth must be a real date, like 27 3 1985");
        Assert.Contains(links, l => l.Href == "#Input_Difficulty" && l.Text.Contains("2000 characters or fewer", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href == "#Input_DomesticAbuse");
        foreach (var link in links)
        {
            Assert.NotNull(page.GetElementById(link.Href![1..]));
        }
        // Everything typed is still there, including the invalid values, so nothing has to be typed again.
        Assert.Equal("Kept-Value", page.GetElementById("Input_Primary_FirstName")!.GetAttribute("value"));
        Assert.Equal("kept@@example", page.GetElementById("Input_Primary_Email")!.GetAttribute("value"));
        Assert.Equal("31", page.GetElementById("Input_Primary_DateOfBirth")!.GetAttribute("value"));
        Assert.Equal(2001, page.GetElementById("Input_Difficulty")!.TextContent.Length);
        Assert.NotNull(page.QuerySelector("input[name='Input.Availability'][value='Weekends'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Input.ConsentToService'][value='true'][checked]"));
        Assert.NotNull(page.QuerySelector("#Input_Primary_EthnicCategory option[value='A'][selected]"));
        // The same submission id is kept, so fixing the errors and sending still creates one referral.
        Assert.Equal(form.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.SubmissionId']")!.Value,
            page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.SubmissionId']")!.Value);
    }

    [Fact]
    public async Task Posting_the_same_form_again_refresh_or_double_click_creates_one_referral()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");
        var submissionId = Guid.Parse(form.Document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.SubmissionId']")!.Value);

        var first = await form.PostAsync(client, ReferralFormData.SelfReferral(firstName: "Twice"));
        var second = await form.PostAsync(client, ReferralFormData.SelfReferral(firstName: "Twice"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var confirmation = await HtmlForm.ParseAsync(await client.GetAsync("/refer/confirmation"));
        var reference = confirmation.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var stored = await app.QueryDbAsync(db => db.Referrals.Where(r => r.SubmissionId == submissionId).Select(r => r.Reference).ToListAsync());
        Assert.Equal([reference], stored);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");
        var values = ReferralFormData.SelfReferral(firstName: "NoToken");
        values["__RequestVerificationToken"] = null;

        var response = await form.PostAsync(client, values);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryDbAsync(db => db.ReferralPeople.AnyAsync(p => p.FirstName == "NoToken")));
    }

    [Fact]
    public async Task A_filled_in_honeypot_looks_like_success_but_stores_and_sends_nothing()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");
        var values = ReferralFormData.SelfReferral(firstName: "Botty");
        values["Website"] = "http://spam.example";

        var response = await form.PostAsync(client, values);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.QueryDbAsync(db => db.ReferralPeople.AnyAsync(p => p.FirstName == "Botty")));
    }

    [Fact]
    public async Task A_professional_referral_through_the_form_is_stored_with_its_children()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer/professional");

        var response = await form.PostAsync(client, ReferralFormData.ProfessionalReferral());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var confirmation = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        var reference = confirmation.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.Children).Include(r => r.Programme).SingleAsync(r => r.Reference == reference));
        Assert.Equal("parents-in-conflict", referral.Programme!.Code);
        Assert.Equal(RelationshipSupport.Domain.Referrals.ReferralRoute.Professional, referral.Route);
        Assert.Equal("Kid", Assert.Single(referral.Children).FirstName);
        Assert.True(referral.FamilyConsentConfirmed);
        // The referrer's own team is stored, but not offered to them as "your hub".
        Assert.Equal("la-childrens-social-care", await app.QueryDbAsync(db => db.Hubs.Where(h => h.Id == referral.HubId).Select(h => h.Code).SingleAsync()));
        Assert.DoesNotContain("Your hub", confirmation.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_indicates_risk_still_gets_a_reference_with_specialist_contacts_and_flags_the_referral()
    {
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/refer");
        var values = ReferralFormData.SelfReferral(firstName: "Risky");
        values["Input.DomesticAbuse"] = "Yes";

        var response = await form.PostAsync(client, values);

        var confirmation = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        var text = confirmation.Body!.TextContent;
        Assert.Contains("National Domestic Abuse Helpline", text);
        Assert.Contains("0808 2000 247", text);
        var reference = confirmation.QuerySelector("[data-testid=reference]")!.TextContent.Trim();
        Assert.True(await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.RiskFlag).SingleAsync()));
    }

    [Fact]
    public async Task No_personal_data_reaches_the_logs_while_referring_even_when_input_is_invalid()
    {
        var client = app.CreateBrowserLikeClient();
        const string name = "Zebedee-Unlikelyname";
        const string email = "zebedee.unlikely@example.com";
        var form = await HtmlForm.GetAsync(client, "/refer");
        var invalid = ReferralFormData.SelfReferral(firstName: name, email: email);
        invalid["Input.Primary.Phone"] = "07700 900 999 999";
        await form.PostAsync(client, invalid);
        var ok = await form.PostAsync(client, ReferralFormData.SelfReferral(firstName: name, email: email));
        await client.GetAsync(ok.Headers.Location);

        var lines = app.Logs.RenderedLines();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("SubmitReferral.Command", StringComparison.Ordinal));
        foreach (var secret in new[] { name, email, "Testperson", "07700", "shifts and childcare", "Barts Health" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Health_endpoints_report_liveness_and_database_readiness()
    {
        var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }
}
