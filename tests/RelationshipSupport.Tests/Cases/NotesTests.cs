using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Notes;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Cases;

/// <summary>Session notes: who reads them, who adds and changes them, the 24-hour lock, addenda, and that the text goes nowhere else.</summary>
public sealed class NotesTests(TestApp app) : IClassFixture<TestApp>
{
    private const string AddNoteForm = "form[data-testid=add-note]";

    private static async Task AddNoteThroughPageAsync(HttpClient client, string reference, string text)
    {
        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/notes", AddNoteForm);
        var response = await form.PostAsync(client, new() { ["Input.Text"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForm.ParseAsync(response);
    }

    [Fact]
    public async Task The_text_is_read_by_the_therapist_and_their_supervisor_while_a_manager_and_a_coordinator_see_only_that_a_note_exists()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        var phrase = "Zebra-" + Guid.NewGuid().ToString("N");
        var url = $"/cases/{reference}/notes";

        var therapistClient = await TriageData.SignInAsync(app, therapist.Email!);
        var form = await HtmlForm.GetAsync(therapistClient, url, AddNoteForm);
        var first = await form.PostAsync(therapistClient, new() { ["Input.Text"] = $"Both attended. {phrase} came up." });
        var again = await form.PostAsync(therapistClient, new() { ["Input.Text"] = $"Both attended. {phrase} came up." });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.CaseNotes.CountAsync(n => n.Text.Contains(phrase))));

        var own = await GetPageAsync(therapistClient, url);
        Assert.Contains(phrase, own.QuerySelector("[data-testid=note-text]")!.TextContent);
        Assert.StartsWith("Editable until", own.QuerySelector("[data-testid=note-state]")!.TextContent.Trim());
        Assert.NotNull(own.QuerySelector("[data-testid=edit-note]"));

        var supervisorClient = await TriageData.SignInAsync(app, supervisor.Email!);
        var supervised = await GetPageAsync(supervisorClient, url);
        Assert.Contains(phrase, supervised.QuerySelector("[data-testid=note-text]")!.TextContent);
        Assert.Null(supervised.QuerySelector(AddNoteForm));
        Assert.Null(supervised.QuerySelector("[data-testid=edit-note]"));
        Assert.NotNull(supervised.QuerySelector("[data-testid=add-addendum]"));

        foreach (var role in new[] { Roles.Manager, Roles.Coordinator })
        {
            var client = await app.SignedInClientAsync(role);
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(phrase, html);
            var page = await HtmlForm.ParseAsync(response);
            Assert.Single(page.QuerySelectorAll("[data-testid=note]"));
            Assert.Contains(therapist.DisplayName, page.QuerySelector("[data-testid=note] h3")!.TextContent);
            Assert.NotNull(page.QuerySelector("[data-testid=note-hidden]"));
            Assert.NotNull(page.QuerySelector("[data-testid=notes-restricted]"));
            Assert.Null(page.QuerySelector(AddNoteForm));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/{await NoteIdAsync(phrase)}/edit")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/{await NoteIdAsync(phrase)}/addendum")).StatusCode);
        }

        var views = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.CaseNotesViewed && a.EntityId == reference)
            .Select(a => a.Detail!).ToListAsync());
        Assert.Contains(views, d => d.StartsWith("access=Clinical", StringComparison.Ordinal));
        Assert.Equal(2, views.Count(d => d.StartsWith("access=Oversight", StringComparison.Ordinal)));

        // The note's text is nowhere but the note: not in the audit trail, the outbox or the logs.
        Assert.False(await app.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Detail != null && a.Detail.Contains(phrase))));
        Assert.False(await app.QueryDbAsync(db => db.OutboxMessages.AnyAsync(m => m.BodyText.Contains(phrase) || m.Subject.Contains(phrase))));
        Assert.DoesNotContain(app.Logs.RenderedLines(), line => line.Contains(phrase, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_therapist_gets_404_on_every_notes_page_and_each_attempt_is_audited_and_other_roles_get_403()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (r, now) => r.AddNote(null, "Private", new Actor(therapist.Id, therapist.DisplayName), now));
        var noteId = await app.QueryDbAsync(db => db.CaseNotes.Where(n => db.Referrals.Any(r => r.Id == n.ReferralId && r.Reference == reference)).Select(n => n.Id).SingleAsync());
        var other = await CaseData.TherapistAsync(app, supervisor);
        var client = await TriageData.SignInAsync(app, other.Email!);
        var urls = new[] { $"/cases/{reference}/notes", $"/cases/{reference}/notes/{noteId}/edit", $"/cases/{reference}/notes/{noteId}/addendum" };

        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
        var refused = await Assert.ThrowsAsync<RelationshipSupport.Application.Common.NotFoundException>(() => app.SendAsync(
            new AddNote.Command { Reference = reference, FormId = Guid.NewGuid(), Text = "Not mine" }, other, [Roles.Therapist]));
        Assert.NotNull(refused);

        var denied = await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference && a.UserId == other.Id));
        Assert.True(denied >= urls.Length + 1, $"{denied} refusals audited");
        Assert.Equal(1, await app.QueryDbAsync(db => db.CaseNotes.CountAsync(n => db.Referrals.Any(r => r.Id == n.ReferralId && r.Reference == reference))));

        var admin = await app.SignedInClientAsync(Roles.Administrator);
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task The_author_changes_a_note_for_24_hours_then_it_is_locked_and_an_addendum_corrects_it()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var coTherapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist, coTherapist);
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var phrase = "Heron-" + Guid.NewGuid().ToString("N");
        await AddNoteThroughPageAsync(client, reference, $"First version {phrase}");
        var noteId = await NoteIdAsync(phrase);
        var editUrl = $"/cases/{reference}/notes/{noteId}/edit";

        // Only the author: the co-therapist reads it but has no form, and the rule refuses them.
        var coClient = await TriageData.SignInAsync(app, coTherapist.Email!);
        var coPage = await GetPageAsync(coClient, editUrl);
        Assert.Null(coPage.QuerySelector("main form[method=post]"));
        Assert.Contains("Only the author", coPage.QuerySelector("[data-testid=locked]")!.TextContent);
        var stamp = await app.QueryDbAsync(db => db.CaseNotes.Where(n => n.Id == noteId).Select(n => n.ConcurrencyStamp).SingleAsync());
        var notAuthor = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            new EditNote.Command { Reference = reference, NoteId = noteId, ConcurrencyStamp = stamp, Text = "Co-therapist's change" }, coTherapist, [Roles.Therapist]));
        Assert.Equal("Only the author can change a note. Add an addendum instead.", notAuthor.Message);

        // Within the window the author changes it.
        app.Clock.Advance(TimeSpan.FromHours(2));
        var form = await HtmlForm.GetAsync(client, editUrl);
        var saved = await form.PostAsync(client, new() { ["Input.Text"] = $"Second version {phrase}" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var note = await app.QueryDbAsync(db => db.CaseNotes.SingleAsync(n => n.Id == noteId));
        Assert.Equal($"Second version {phrase}", note.Text);
        Assert.NotNull(note.EditedAtUtc);

        // 25 hours after it was written it is locked: the page offers an addendum and the rule refuses a change.
        app.Clock.Advance(TimeSpan.FromHours(23));
        client = await TriageData.SignInAsync(app, therapist.Email!); // the sign-in of a day ago has expired
        // (a form from another page of the new sign-in carries a valid token; it is posted to the edit page)
        form = await HtmlForm.GetAsync(client, $"/cases/{reference}/notes/{noteId}/addendum");
        var locked = await GetPageAsync(client, editUrl);
        Assert.Null(locked.QuerySelector("main form[method=post]"));
        Assert.Contains("locked", locked.QuerySelector("[data-testid=locked]")!.TextContent);
        Assert.NotNull(locked.QuerySelector("[data-testid=add-addendum]"));
        var late = await form.PostAsync(client, new() { ["Input.Text"] = "Too late", ["Input.ConcurrencyStamp"] = note.ConcurrencyStamp.ToString() }, action: editUrl);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(["This note is locked. Add an addendum to correct or add to it."], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(late)));
        var list = await GetPageAsync(client, $"/cases/{reference}/notes");
        Assert.Equal("Locked", list.QuerySelector("[data-testid=note-state]")!.TextContent.Trim());
        Assert.Null(list.QuerySelector("[data-testid=edit-note]"));

        var addendum = await HtmlForm.GetAsync(client, $"/cases/{reference}/notes/{noteId}/addendum");
        var empty = await addendum.PostAsync(client, new() { ["Input.Text"] = "" });
        Assert.Equal(["Enter the addendum"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(empty)));
        Assert.Equal(HttpStatusCode.Redirect, (await addendum.PostAsync(client, new() { ["Input.Text"] = "Correction: the partner arrived late." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await addendum.PostAsync(client, new() { ["Input.Text"] = "Correction: the partner arrived late." })).StatusCode);
        var after = await app.QueryDbAsync(db => db.CaseNotes.Include(n => n.Addenda).SingleAsync(n => n.Id == noteId));
        Assert.Equal($"Second version {phrase}", after.Text);
        var added = Assert.Single(after.Addenda);
        Assert.Equal(therapist.Id, added.AuthorUserId);
        Assert.Contains("Correction: the partner arrived late.", (await GetPageAsync(client, $"/cases/{reference}/notes")).QuerySelector("[data-testid=addendum]")!.TextContent);

        // The supervisor, with clinical access, may add one too.
        var supervisorClient = await TriageData.SignInAsync(app, supervisor.Email!);
        var bySupervisor = await HtmlForm.GetAsync(supervisorClient, $"/cases/{reference}/notes/{noteId}/addendum");
        Assert.Equal(HttpStatusCode.Redirect, (await bySupervisor.PostAsync(supervisorClient, new() { ["Input.Text"] = "Discussed in supervision." })).StatusCode);
        Assert.Equal(2, await app.QueryDbAsync(db => db.CaseNoteAddenda.CountAsync(a => a.CaseNoteId == noteId)));
    }

    [Fact]
    public async Task A_change_made_from_an_older_version_is_refused_and_the_author_is_told()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var phrase = "Otter-" + Guid.NewGuid().ToString("N");
        await AddNoteThroughPageAsync(client, reference, phrase);
        var noteId = await NoteIdAsync(phrase);
        var editUrl = $"/cases/{reference}/notes/{noteId}/edit";

        var stale = await HtmlForm.GetAsync(client, editUrl);
        var other = await HtmlForm.GetAsync(client, editUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync(client, new() { ["Input.Text"] = $"{phrase} from the other tab" })).StatusCode);

        var conflict = await stale.PostAsync(client, new() { ["Input.Text"] = $"{phrase} from the first tab" });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await HtmlForm.ParseAsync(conflict);
        Assert.NotEmpty(HtmlForm.ErrorSummary(page));
        Assert.Contains("from the other tab", page.QuerySelector("[data-testid=current-text]")!.TextContent);
        Assert.Equal($"{phrase} from the first tab", page.QuerySelector("textarea[name='Input.Text']")!.TextContent.Trim());
        Assert.Equal($"{phrase} from the other tab", await app.QueryDbAsync(db => db.CaseNotes.Where(n => n.Id == noteId).Select(n => n.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_note_can_be_about_one_of_the_case_s_sessions()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (r, now) => r.ScheduleSession(r.Programme!, new DateTime(2026, 11, 4, 18, 0, 0, DateTimeKind.Utc), 50,
            RelationshipSupport.Domain.Cases.SessionMode.Video, null, therapist.Id, null, RelationshipSupport.Domain.Cases.SessionClients.Both, [],
            new Actor(therapist.Id, therapist.DisplayName), now));
        var sessionId = await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference).SelectMany(r => r.Sessions).Select(s => s.Id).SingleAsync());
        var client = await TriageData.SignInAsync(app, therapist.Email!);

        var form = await HtmlForm.GetAsync(client, $"/cases/{reference}/notes", AddNoteForm);
        var option = form.Document.QuerySelector($"select[name='Input.SessionId'] option[value='{sessionId}']")!;
        Assert.Equal("Session on Wed 4 Nov 2026, 18:00", option.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(client, new() { ["Input.SessionId"] = sessionId.ToString(), ["Input.Text"] = "About the session" })).StatusCode);

        Assert.Equal(sessionId, await app.QueryDbAsync(db => db.CaseNotes.Where(n => n.Text == "About the session").Select(n => n.SessionId).SingleAsync()));
        var page = await GetPageAsync(client, $"/cases/{reference}/notes");
        Assert.Contains("Session on Wed 4 Nov 2026, 18:00", page.QuerySelector("[data-testid=note]")!.TextContent);
    }

    private Task<int> NoteIdAsync(string phrase) =>
        app.QueryDbAsync(db => db.CaseNotes.Where(n => n.Text.Contains(phrase)).Select(n => n.Id).SingleAsync());
}
