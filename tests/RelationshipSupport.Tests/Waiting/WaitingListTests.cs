using System.Net;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Waiting;

/// <summary><c>/triage/waiting-list</c>: order, the summary figures, search, and the audit of each view.</summary>
public sealed class WaitingListTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Priorities_come_first_then_the_longest_waiting_and_the_median_and_longest_wait_are_right_for_odd_and_even_counts()
    {
        // A database of its own: the summary counts every waiting referral of the programme.
        using var own = new TestApp();
        var now = own.Clock.GetUtcNow().UtcDateTime;
        var lastName = TestReferrals.UniqueName("Wait");
        var tenDays = await WaitingData.SubmitAsync(own, lastName, "Ten");
        var fourDaysPriority = await WaitingData.SubmitAsync(own, lastName, "Four");
        var sevenDays = await WaitingData.SubmitAsync(own, lastName, "Seven");
        await WaitingData.PlaceOnWaitingListAsync(own, tenDays, now.AddDays(-10));
        await WaitingData.PlaceOnWaitingListAsync(own, fourDaysPriority, now.AddDays(-4), priority: true);
        await WaitingData.PlaceOnWaitingListAsync(own, sevenDays, now.AddDays(-7));
        var coordinator = await own.CreateUserAsync(Roles.Coordinator);

        var odd = await own.SendAsync(new GetWaitingList.Query { ProgrammeCode = ReferenceDataSeeder.NhsStaff }, coordinator, [Roles.Coordinator]);

        Assert.Equal([fourDaysPriority, tenDays, sevenDays], odd.Rows.Select(r => r.Reference));
        Assert.Equal([4, 10, 7], odd.Rows.Select(r => r.DaysWaiting));
        Assert.True(odd.Rows[0].IsPriority);
        Assert.Equal("Test priority", odd.Rows[0].PriorityReason);
        Assert.Equal(new GetWaitingList.Statistics(3, 7, 10), odd.Statistics);

        var oneDay = await WaitingData.SubmitAsync(own, lastName, "One");
        await WaitingData.PlaceOnWaitingListAsync(own, oneDay, now.AddDays(-1));
        var even = await own.SendAsync(new GetWaitingList.Query(), coordinator, [Roles.Coordinator]);

        Assert.Equal([fourDaysPriority, tenDays, sevenDays, oneDay], even.Rows.Select(r => r.Reference));
        // Waits of 1, 4, 7 and 10 days: the median is halfway between 4 and 7.
        Assert.Equal(new GetWaitingList.Statistics(4, 5.5, 10), even.Statistics);

        // Through the page: the figures above the table, the availability column, the priority and its reason.
        var client = await own.SignedInClientAsync(Roles.Coordinator);
        var response = await client.GetAsync("/triage/waiting-list");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForm.ParseAsync(response);
        Assert.Equal("4", page.QuerySelector("[data-testid=waiting-count]")!.TextContent.Trim());
        Assert.Equal("5.5 days", page.QuerySelector("[data-testid=median]")!.TextContent.Trim());
        Assert.Equal("10 days", page.QuerySelector("[data-testid=longest]")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("[data-testid=waiting-list] tbody tr").ToList();
        Assert.Equal([fourDaysPriority, tenDays, sevenDays, oneDay], rows.Select(r => r.GetAttribute("data-reference")));
        Assert.Equal("Test priority", rows[0].QuerySelector("[data-testid=priority-reason]")!.TextContent.Trim());
        Assert.Equal("Weekday evenings", rows[1].QuerySelector("[data-testid=availability]")!.TextContent.Trim());
        Assert.NotNull(rows[0].QuerySelector($"a[href='/triage/referral/{fourDaysPriority}']"));
    }

    [Fact]
    public async Task Search_finds_a_referral_by_its_reference_typed_any_way_or_by_the_start_of_a_name_and_the_audit_keeps_no_search_text()
    {
        var lastName = TestReferrals.UniqueName("Searchable");
        var first = await WaitingData.SubmitAsync(app, lastName, "Robin");
        var second = await WaitingData.SubmitAsync(app, lastName, "Sasha");
        var notWaiting = await WaitingData.SubmitAsync(app, lastName, "Nat");
        await WaitingData.PlaceOnWaitingListAsync(app, first);
        await WaitingData.PlaceOnWaitingListAsync(app, second);
        var client = await app.SignedInClientAsync(Roles.Coordinator);

        var byReference = await HtmlForm.ParseAsync(await client.GetAsync($"/triage/waiting-list?Search={Uri.EscapeDataString(" " + first.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) + " ")}"));
        var byName = await HtmlForm.ParseAsync(await client.GetAsync($"/triage/waiting-list?Search={lastName[..^2]}"));
        var byFullName = await HtmlForm.ParseAsync(await client.GetAsync($"/triage/waiting-list?Search=sasha+{lastName}"));

        Assert.Equal([first], byReference.QuerySelectorAll("[data-testid=waiting-list] tbody tr").Select(r => r.GetAttribute("data-reference")));
        var named = byName.QuerySelectorAll("[data-testid=waiting-list] tbody tr").Select(r => r.GetAttribute("data-reference")).ToList();
        Assert.Equal(2, named.Count);
        Assert.DoesNotContain(notWaiting, named);
        Assert.Equal([second], byFullName.QuerySelectorAll("[data-testid=waiting-list] tbody tr").Select(r => r.GetAttribute("data-reference")));

        var audits = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.WaitingListViewed).ToListAsync());
        Assert.Contains(audits, a => a.Detail!.Contains("search=reference", StringComparison.Ordinal));
        Assert.Contains(audits, a => a.Detail!.Contains("search=name", StringComparison.Ordinal));
        Assert.All(audits, a => Assert.DoesNotContain(lastName[..^2], a.Detail!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pages_of_25_run_on_from_the_priorities_into_the_rest_in_waiting_order()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var lastName = TestReferrals.UniqueName("Paged");
        var waiting = new List<(string Reference, bool Priority, int Days)>();
        for (var i = 0; i < 27; i++)
        {
            var reference = await WaitingData.SubmitAsync(app, lastName, $"P{i:00}");
            var priority = i is 5 or 20;
            await WaitingData.PlaceOnWaitingListAsync(app, reference, now.AddDays(-(i % 9) - 1).AddMinutes(-i), priority);
            waiting.Add((reference, priority, i));
        }
        var expected = waiting.OrderByDescending(w => w.Priority)
            .ThenBy(w => now.AddDays(-(w.Days % 9) - 1).AddMinutes(-w.Days)).Select(w => w.Reference).ToList();
        var coordinator = await app.CreateUserAsync(Roles.Coordinator);

        var first = await app.SendAsync(new GetWaitingList.Query { Search = lastName }, coordinator, [Roles.Coordinator]);
        var second = await app.SendAsync(new GetWaitingList.Query { Search = lastName, PageNumber = 2 }, coordinator, [Roles.Coordinator]);

        Assert.Equal((27, 2), (first.TotalCount, first.PageCount));
        Assert.Equal(expected.Take(25), first.Rows.Select(r => r.Reference));
        Assert.Equal(expected.Skip(25), second.Rows.Select(r => r.Reference));
        Assert.Equal((26, 27), (second.FirstRowNumber, second.LastRowNumber));
    }

    [Fact]
    public async Task A_coordinator_sees_only_the_waiting_referrals_of_their_programmes()
    {
        var lastName = TestReferrals.UniqueName("Scoped");
        var reference = await WaitingData.SubmitAsync(app, lastName);
        await WaitingData.PlaceOnWaitingListAsync(app, reference);
        var elsewhere = await TestHost.CreateCoordinatorAsync(app.Services, 9001, [ReferenceDataSeeder.ParentsInConflict]);

        var result = await app.SendAsync(new GetWaitingList.Query { Search = lastName }, elsewhere, [Roles.Coordinator]);

        Assert.Empty(result.Rows);
        Assert.Equal(["parents-in-conflict"], result.Programmes.Select(p => p.Code));
    }
}
