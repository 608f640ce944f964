using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Triage;

namespace RelationshipSupport.Tests.Cases;

/// <summary>The week calendar: a therapist's own sessions (lead or co-therapist), Monday to Sunday; a supervisor may see their supervisees' weeks only.</summary>
public sealed class CalendarTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_therapist_sees_only_their_own_sessions_of_the_week_including_evenings_and_as_co_therapist()
    {
        var (supervisor, therapist, client) = await SessionsData.TherapistAsync(app);
        var colleague = await CaseData.TherapistAsync(app, supervisor);
        var own = await CaseData.InTherapyAsync(app, therapist);
        var shared = await CaseData.InTherapyAsync(app, colleague, coTherapist: therapist);
        var theirs = await CaseData.InTherapyAsync(app, colleague);
        await CaseData.WithCaseAsync(app, own, (r, now) =>
        {
            SessionsData.Schedule(r, now, therapist, new DateTime(2026, 11, 17, 20, 0, 0)); // Tuesday evening
            SessionsData.Schedule(r, now, therapist, new DateTime(2026, 11, 24, 20, 0, 0)); // the week after
        });
        await CaseData.WithCaseAsync(app, shared, (r, now) =>
            r.ScheduleSession(r.Programme!, new DateTime(2026, 11, 22, 10, 0, 0), 60, SessionMode.InPerson, "Hub", colleague.Id, therapist.Id,
                SessionClients.Both, [], new Actor(colleague.Id, colleague.DisplayName), now));
        await CaseData.WithCaseAsync(app, theirs, (r, now) => SessionsData.Schedule(r, now, colleague, new DateTime(2026, 11, 18, 9, 0, 0)));

        var page = await HtmlForm.ParseAsync(await client.GetAsync("/cases/calendar?week=2026-11-18"));
        var items = page.QuerySelectorAll("[data-testid=calendar-session]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(own, items[0]);
        Assert.Contains("20:00", items[0]);
        Assert.Contains(shared, items[1]);
        Assert.Contains("co-therapist", items[1]);
        Assert.Contains("Alex and Jordan", items[0]);
        Assert.DoesNotContain(items, i => i.Contains(theirs));
        Assert.Equal(7, page.QuerySelectorAll("section.rs-week__day").Length);
        Assert.EndsWith("week=2026-11-23", page.QuerySelector("[data-testid=next-week]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_supervisor_sees_a_supervisees_week_but_not_another_therapists()
    {
        var (supervisor, therapist, _) = await SessionsData.TherapistAsync(app);
        var reference = await CaseData.InTherapyAsync(app, therapist);
        await CaseData.WithCaseAsync(app, reference, (r, now) => SessionsData.Schedule(r, now, therapist, new DateTime(2026, 11, 19, 18, 0, 0)));
        var (_, stranger, _) = await SessionsData.TherapistAsync(app); // supervised by someone else
        var client = await TriageData.SignInAsync(app, supervisor.Email!);

        var page = await HtmlForm.ParseAsync(await client.GetAsync($"/cases/calendar?week=2026-11-16&therapist={therapist.Id}"));
        Assert.Single(page.QuerySelectorAll("[data-testid=calendar-session]"));
        Assert.Contains(therapist.DisplayName, page.QuerySelector("h1")!.TextContent);

        var refused = await client.GetAsync($"/cases/calendar?week=2026-11-16&therapist={stranger.Id}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CalendarAccessDenied && a.EntityId == stranger.Id && a.UserId == supervisor.Id)));

        // A therapist cannot open a colleague's week either.
        var colleague = await app.SignedInClientAsync(Roles.Therapist);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/cases/calendar?therapist={therapist.Id}")).StatusCode);
    }

    [Fact]
    public async Task Other_roles_are_refused_the_calendar()
    {
        var client = await app.SignedInClientAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/cases/calendar")).StatusCode);
    }
}
