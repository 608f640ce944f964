using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Outcomes;

/// <summary>
/// A programme that gives a questionnaire at every session: the form asks which session. (Its own app: it changes the
/// staff programme's schedule, which the other tests rely on.)
/// </summary>
public sealed class SessionQuestionnairesTests(TestApp app) : IClassFixture<TestApp>
{
    private const string AskForm = "form[data-testid=ask]";

    [Fact]
    public async Task Session_questionnaires_are_asked_for_one_of_the_cases_sessions()
    {
        await app.QueryDbAsync(async db =>
        {
            var programme = await db.Programmes.SingleAsync(p => p.Code == ReferenceDataSeeder.NhsStaff);
            if (!await db.ProgrammeInstruments.AnyAsync(p => p.ProgrammeId == programme.Id && p.Timepoint == Timepoint.EverySession))
            {
                db.ProgrammeInstruments.Add(new ProgrammeInstrument { ProgrammeId = programme.Id, InstrumentCode = BuiltInInstruments.Core10, Timepoint = Timepoint.EverySession });
            }
            return await db.SaveChangesAsync();
        });
        var therapist = await CaseData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        var at = app.Clock.GetUtcNow().UtcDateTime.AddDays(1).Date.AddHours(17);
        await CaseData.WithCaseAsync(app, reference, (referral, now) => referral.ScheduleSession(referral.Programme!, at, 50, SessionMode.Video, null,
            therapist.Id, null, SessionClients.Both, [], new Actor(therapist.Id, therapist.DisplayName), now));
        var sessionId = await app.QueryDbAsync(db => db.TherapySessions.Where(s => db.Referrals.Any(r => r.Id == s.ReferralId && r.Reference == reference)).Select(s => s.Id).SingleAsync());

        var client = await TriageData.SignInAsync(app, therapist.Email!);
        var url = $"/cases/{reference}/outcomes";
        var form = await HtmlForm.GetAsync(client, url, AskForm);
        Assert.Equal([nameof(Timepoint.Intake), nameof(Timepoint.EverySession), nameof(Timepoint.End)],
            form.Document.QuerySelectorAll($"{AskForm} input[name='Input.Timepoint']").Select(i => i.GetAttribute("value")));
        Assert.Equal(sessionId.ToString(CultureInfo.InvariantCulture), form.Document.QuerySelectorAll("#Input_SessionId option")[^1].GetAttribute("value"));

        var missing = await form.PostAsync(client, new() { ["Input.Timepoint"] = nameof(Timepoint.EverySession), ["Input.SendLinks"] = "false" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(["Choose the session these questionnaires are for"], HtmlForm.ErrorSummary(await HtmlForm.ParseAsync(missing)));

        var asked = await form.PostAsync(client, new()
        {
            ["Input.Timepoint"] = nameof(Timepoint.EverySession), ["Input.SessionId"] = sessionId.ToString(CultureInfo.InvariantCulture), ["Input.SendLinks"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var requests = await OutcomeData.RequestsAsync(app, reference);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(Timepoint.EverySession, r.Timepoint));
        var page = await HtmlForm.ParseAsync(await client.GetAsync(url));
        var row = page.QuerySelector($"[data-request-id='{requests[0].Id}']")!;
        Assert.Contains("Session on ", row.QuerySelector("strong")!.TextContent);
        Assert.Contains("CORE-10", row.TextContent);
    }
}
