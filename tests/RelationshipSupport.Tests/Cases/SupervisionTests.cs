using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Supervision;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Cases;

/// <summary>Supervision records: the supervisor records them, the therapists read them, nobody else sees them.</summary>
public sealed class SupervisionTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_supervisor_records_supervision_the_therapist_reads_it_and_cannot_record_it()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        var url = $"/cases/{reference}/supervision";
        var today = UkTime.Today(app.Clock);

        var supervisorClient = await TriageData.SignInAsync(app, supervisor.Email!);
        var form = await HtmlForm.GetAsync(supervisorClient, url);
        var tomorrow = today.AddDays(1);
        var invalid = await form.PostAsync(supervisorClient, new()
        {
            ["Input.HeldOn.Day"] = tomorrow.Day.ToString(), ["Input.HeldOn.Month"] = tomorrow.Month.ToString(), ["Input.HeldOn.Year"] = tomorrow.Year.ToString(),
            ["Input.Points"] = "",
        });
        Assert.Equal(["Date of the supervision must be today or in the past", "Enter the points discussed"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(invalid)));

        var values = new Dictionary<string, string?>
        {
            ["Input.HeldOn.Day"] = today.Day.ToString(), ["Input.HeldOn.Month"] = today.Month.ToString(), ["Input.HeldOn.Year"] = today.Year.ToString(),
            ["Input.Points"] = "Pace of sessions; the couple's goals", ["Input.Actions"] = "Review goals at session 4",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(supervisorClient, values)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(supervisorClient, values)).StatusCode);
        var record = await app.QueryDbAsync(db => db.SupervisionRecords.SingleAsync(s => db.Referrals.Any(r => r.Id == s.ReferralId && r.Reference == reference)));
        Assert.Equal((today, supervisor.Id, "Review goals at session 4"), (record.HeldOn, record.SupervisorUserId, record.Actions));
        var audit = await app.QueryDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CaseSupervisionRecorded && a.EntityId == reference));
        Assert.DoesNotContain("Pace", audit.Detail);

        var therapistClient = await TriageData.SignInAsync(app, therapist.Email!);
        var page = await HtmlForm.ParseAsync(await therapistClient.GetAsync(url));
        Assert.Equal("Pace of sessions; the couple's goals", page.QuerySelector("[data-testid=points]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form[method=post]"));
        // The therapist posting the supervisor's form (with a token of their own) is refused, and so is the request.
        var ownForm = await HtmlForm.GetAsync(therapistClient, $"/cases/{reference}/notes", "form[data-testid=add-note]");
        Assert.Equal(HttpStatusCode.Forbidden, (await ownForm.PostAsync(therapistClient, values, action: url)).StatusCode);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new RecordSupervision.Command
        {
            Reference = reference, FormId = Guid.NewGuid(), HeldOn = DateInput.From(today), Points = "My own supervision",
        }, therapist, [Roles.Therapist]));
        Assert.Equal("Only a supervisor can record supervision.", refusal.Message);
        Assert.Equal(1, await app.QueryDbAsync(db => db.SupervisionRecords.CountAsync(s => db.Referrals.Any(r => r.Id == s.ReferralId && r.Reference == reference))));
    }

    [Fact]
    public async Task Managers_coordinators_and_other_therapists_get_404_and_are_audited()
    {
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);
        var therapist = await CaseData.TherapistAsync(app, supervisor);
        var reference = await CaseData.AllocatedAsync(app, therapist);
        var url = $"/cases/{reference}/supervision";
        var other = await CaseData.TherapistAsync(app, supervisor);
        var clients = new[]
        {
            await app.SignedInClientAsync(Roles.Manager),
            await app.SignedInClientAsync(Roles.Coordinator),
            await TriageData.SignInAsync(app, other.Email!),
        };

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(clients.Length, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReferralAccessDenied && a.EntityId == reference)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync(Roles.Administrator)).GetAsync(url)).StatusCode);
    }
}
