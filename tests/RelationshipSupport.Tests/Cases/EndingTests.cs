using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Ending;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Cases;

/// <summary>Ending a case: reason, signposting and who is emailed; the therapist's place freed; a read-only case except for addenda.</summary>
public sealed class EndingTests(TestApp app) : IClassFixture<TestApp>
{
    private const string EndForm = "form[data-testid=end-case]";

    private async Task<string> EmailOfAsync(string reference) =>
        await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).SelectMany(r => r.People).Where(p => p.Role == PersonRole.Primary).Select(p => p.Email!).SingleAsync());

    private Task<List<int>> TwoServicesAsync() =>
        app.QueryDbAsync(db => db.SignpostingEntries.Where(e => e.IsActive).OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync());

    [Fact]
    public async Task Ending_with_signposting_emails_the_consenting_client_once_frees_the_therapist_and_leaves_only_addenda()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (r, now) =>
        {
            r.AddNote(null, "Session went well", new Actor(therapist.Id, therapist.DisplayName), now);
            r.Primary.PreferredContact = PreferredContact.Email; // agreed to email contact; the partner gave no address
        });
        var noteId = await app.QueryDbAsync(db => db.CaseNotes.Where(n => db.Referrals.Any(r => r.Id == n.ReferralId && r.Reference == reference)).Select(n => n.Id).SingleAsync());
        var services = await TwoServicesAsync();
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var url = $"/cases/{reference}/ending";

        var form = await HtmlForm.GetAsync(client, url, EndForm);
        Assert.Contains("questionnaires", form.Document.QuerySelector("main")!.TextContent);
        Assert.Null(form.Document.QuerySelector("input[name='Input.SendReferrerSummary']"));
        var invalid = await form.PostAsync(client, new() { ["Input.Reason"] = nameof(EndingReason.Other) });
        Assert.Equal(["Select whether the ending was planned or unplanned", "Say why the case is ending"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(invalid)));

        var values = new Dictionary<string, string?>
        {
            ["Input.Kind"] = nameof(EndingKind.Planned), ["Input.Reason"] = nameof(EndingReason.Completed),
            ["Input.SignpostingIds"] = string.Join('|', services), ["Input.SendSignpostingToClients"] = "true",
        };
        var ended = await form.PostAsync(client, values);
        var again = await form.PostAsync(client, values);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var referral = await app.QueryDbAsync(db => CaseData.Load(db).AsNoTracking().SingleAsync(r => r.Reference == reference));
        Assert.Equal((ReferralStatus.Ended, EndingKind.Planned, EndingReason.Completed), (referral.Status, referral.EndingKind!.Value, referral.EndingReason!.Value));
        Assert.Equal(services.Order(), referral.Signposting.Where(s => s.Stage == SignpostingStage.Ending).Select(s => s.SignpostingEntryId).Order());
        Assert.All(referral.Allocations, a => Assert.NotNull(a.EndedAtUtc));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Referrals.SelectMany(r => r.Allocations).CountAsync(a => a.TherapistUserId == therapist.Id && a.EndedAtUtc == null)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CaseEnded && a.EntityId == reference)));
        var email = await EmailOfAsync(reference);
        var mail = Assert.Single(await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.Kind == EndingEmails.ClientKind && m.ToAddress == email).ToListAsync()));
        Assert.Contains(reference, mail.BodyText);
        Assert.DoesNotContain(referral.People[0].LastName, mail.BodyText);
        Assert.Null(referral.ReferrerSummarySentAtUtc);

        // The ending tab shows what was recorded; the notes tab offers no new note and no change, only addenda.
        var page = await HtmlForm.ParseAsync(await client.GetAsync(url));
        Assert.Equal("Planned", page.QuerySelector("[data-testid=ending-kind]")!.TextContent.Trim());
        Assert.Equal("Completed", page.QuerySelector("[data-testid=ending-reason]")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=ending-signposting] li").Length);
        Assert.Equal("No", page.QuerySelector("[data-testid=ending-referrer]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form[method=post]"));

        var notes = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{reference}/notes"));
        Assert.Null(notes.QuerySelector("form[data-testid=add-note]"));
        Assert.Null(notes.QuerySelector("[data-testid=edit-note]"));
        Assert.NotNull(notes.QuerySelector("[data-testid=no-new-notes]"));
        Assert.NotNull(notes.QuerySelector("[data-testid=add-addendum]"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            new AddNote.Command { Reference = reference, FormId = Guid.NewGuid(), Text = "After the end" }, therapist, [Roles.Therapist]));
        Assert.Contains("ended", refused.Message);
        var addendum = await HtmlForm.GetAsync(client, $"/cases/{reference}/notes/{noteId}/addendum");
        Assert.Equal(HttpStatusCode.Redirect, (await addendum.PostAsync(client, new() { ["Input.Text"] = "Closing summary added after the end." })).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.CaseNoteAddenda.CountAsync(a => a.CaseNoteId == noteId)));
    }

    [Fact]
    public async Task No_client_is_emailed_when_domestic_abuse_was_not_ruled_out()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (r, _) =>
        {
            r.DomesticAbuse = ScreeningAnswer.NotSure;
            r.Primary.PreferredContact = PreferredContact.Email; // would be emailed, but for the abuse answer
        });
        var client = await TriageData.SignInAsync(app, therapist.Email!);

        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/ending", EndForm);
        Assert.NotNull(form.Document.QuerySelector("[data-testid=no-client-email]"));
        Assert.Null(form.Document.QuerySelector("input[name='Input.SendSignpostingToClients']"));
        var response = await form.PostAsync(client, new()
        {
            ["Input.Kind"] = nameof(EndingKind.Unplanned), ["Input.Reason"] = nameof(EndingReason.Disengaged),
            ["Input.SignpostingIds"] = string.Join('|', await TwoServicesAsync()), ["Input.SendSignpostingToClients"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ReferralStatus.Ended, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync()));
        var email = await EmailOfAsync(reference);
        Assert.Equal(0, await app.QueryDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email && m.Kind == EndingEmails.ClientKind)));
        Assert.EndsWith("clients-emailed=0; referrer-told=no; questionnaires-cancelled=0",
            await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.CaseEnded && a.EntityId == reference).Select(a => a.Detail!).SingleAsync()));
    }

    [Fact]
    public async Task The_referrer_is_sent_an_attendance_summary_only_when_they_may_be_updated()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var withConsent = await CaseData.InTherapyAsync(app, therapist);
        var without = await CaseData.InTherapyAsync(app, therapist);
        var referrerEmail = $"referrer-{Guid.NewGuid():N}@council.example";
        await CaseData.WithCaseAsync(app, withConsent, (r, _) => (r.ReferrerName, r.ReferrerEmail, r.ReferrerMayBeUpdated) = ("Sam Worker", referrerEmail, true));
        await CaseData.WithCaseAsync(app, without, (r, _) => (r.ReferrerName, r.ReferrerEmail, r.ReferrerMayBeUpdated) = ("Sam Worker", referrerEmail, false));
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var values = new Dictionary<string, string?> { ["Input.Kind"] = nameof(EndingKind.Unplanned), ["Input.Reason"] = nameof(EndingReason.MovedAway) };

        // Without consent there is no choice to make, and the request to send one is refused.
        var refusedForm = await HtmlForm.GetAsync(client, $"/cases/{without}/ending", EndForm);
        Assert.Null(refusedForm.Document.QuerySelector("input[name='Input.SendReferrerSummary']"));
        var stamp = await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == without).Select(r => r.ConcurrencyStamp).SingleAsync());
        var refusal = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new EndCase.Command
        {
            Reference = without, ConcurrencyStamp = stamp, Kind = EndingKind.Unplanned, Reason = EndingReason.MovedAway, SendReferrerSummary = true,
        }, therapist, [Roles.Therapist]));
        Assert.Contains("did not agree", refusal.Message);
        Assert.Equal(HttpStatusCode.Redirect, (await refusedForm.PostAsync(client, values)).StatusCode);

        var form = await HtmlForm.GetAsync(client, $"/cases/{withConsent}/ending", EndForm);
        Assert.NotNull(form.Document.QuerySelector("input[name='Input.SendReferrerSummary']"));
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, new(values) { ["Input.SendReferrerSummary"] = "true" })).StatusCode);

        var mail = Assert.Single(await app.QueryDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == referrerEmail).ToListAsync()));
        Assert.Equal(EndingEmails.ReferrerKind, mail.Kind);
        Assert.Contains(withConsent, mail.BodyText);
        Assert.Contains("Ending: unplanned", mail.BodyText);
        Assert.Contains("Sessions attended: 0", mail.BodyText);
        var referral = await app.QueryDbAsync(db => db.Referrals.Include(r => r.People).SingleAsync(r => r.Reference == withConsent));
        Assert.All(referral.People, p => Assert.DoesNotContain(p.LastName, mail.BodyText));
        Assert.NotNull(referral.ReferrerSummarySentAtUtc);
        Assert.Null(await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == without).Select(r => r.ReferrerSummarySentAtUtc).SingleAsync()));
        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/{withConsent}/ending"));
        Assert.StartsWith("Yes", page.QuerySelector("[data-testid=ending-referrer]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_stale_form_is_told_and_others_cannot_end_the_case()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        var url = $"/cases/{reference}/ending";
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(client, url, EndForm);
        await CaseData.WithCaseAsync(app, reference, (r, _) => r.ConcurrencyStamp = Guid.NewGuid());

        var stale = await form.PostAsync(client, new() { ["Input.Kind"] = nameof(EndingKind.Unplanned), ["Input.Reason"] = nameof(EndingReason.Disengaged) });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotEmpty(HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(stale)));
        Assert.Equal(ReferralStatus.Allocated, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync()));

        // A manager sees the tab but has no form; another therapist gets 404 (audited).
        var manager = await app.SignedInClientAsync(Roles.Manager);
        var managerPage = await HtmlForm.ParseAsync(await manager.GetAsync(url));
        Assert.NotNull(managerPage.QuerySelector("[data-testid=cannot-end]"));
        Assert.Null(managerPage.QuerySelector(EndForm));
        var other = await CaseData.TherapistAsync(app, supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await (await TriageData.SignInAsync(app, other.Email!)).GetAsync(url)).StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == other.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync(Roles.Administrator)).GetAsync(url)).StatusCode);

        // The supervisor, with clinical access, may end it.
        var supervisorClient = await TriageData.SignInAsync(app, supervisor.Email!);
        var supervisorForm = await HtmlForm.GetAsync(supervisorClient, url, EndForm);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisorForm.PostAsync(supervisorClient, new() { ["Input.Kind"] = nameof(EndingKind.Unplanned), ["Input.Reason"] = nameof(EndingReason.Risk) })).StatusCode);
        Assert.Equal(ReferralStatus.Ended, await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync()));
    }
}
