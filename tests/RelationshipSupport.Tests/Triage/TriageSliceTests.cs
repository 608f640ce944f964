using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Triage;

/// <summary>The triage features through the real mediator (validation and all) on a real database.</summary>
public sealed class TriageSliceTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(StaffUser User, string[] Roles)> CoordinatorAsync() => (await app.CreateUserAsync(Roles.Coordinator), [Roles.Coordinator]);

    private async Task<GetTriageQueue.Result> QueueAsync(GetTriageQueue.Query query)
    {
        var (user, roles) = await CoordinatorAsync();
        return await app.SendAsync(query, user, roles);
    }

    [Fact]
    public async Task The_queue_pages_25_at_a_time_oldest_first()
    {
        var lastName = TriageData.UniqueName("Paging");
        var references = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            references.Add(await TriageData.SubmitAsync(app, lastName, firstName: $"P{i:00}"));
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        var first = await QueueAsync(new GetTriageQueue.Query { Search = lastName });
        var second = await QueueAsync(new GetTriageQueue.Query { Search = lastName, PageNumber = 2 });

        Assert.Equal((30, 2, 1), (first.TotalCount, first.PageCount, first.PageNumber));
        Assert.Equal(references.Take(25), first.Rows.Select(r => r.Reference));
        Assert.Equal((1, 25), (first.FirstRowNumber, first.LastRowNumber));
        Assert.Equal(references.Skip(25), second.Rows.Select(r => r.Reference));
        Assert.Equal((26, 30), (second.FirstRowNumber, second.LastRowNumber));

        var row = first.Rows[0];
        Assert.Equal(($"P00 {lastName}", "Relationship support for NHS and social care staff", ReferralRoute.SelfReferral, ClientType.Couple),
            (row.PrimaryName, row.ProgrammeName, row.Route, row.ClientType));
        Assert.Equal((ReferralStatus.Received, 0, (DateTime?)null), (row.Status, row.ContactAttemptCount, row.LastContactAtUtc));
        Assert.Equal(["nhs-staff", "parents-in-conflict"], first.Programmes.Select(p => p.Code).Order());

        // A page past the end shows the last page; a page before the start shows the first.
        Assert.Equal(2, (await QueueAsync(new GetTriageQueue.Query { Search = lastName, PageNumber = 99 })).PageNumber);
        Assert.Equal(1, (await QueueAsync(new GetTriageQueue.Query { Search = lastName, PageNumber = -3 })).PageNumber);
    }

    [Fact]
    public async Task A_name_search_counts_up_to_a_thousand_matches_and_says_there_are_more()
    {
        using var own = new TestApp();
        var lastName = TriageData.UniqueName("Common");
        var template = await TriageData.SubmitAsync(own, lastName);
        // 1,002 more referrals for people of the same surname, copied straight into the database (quicker than the form).
        using (var scope = own.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var original = await db.Referrals.AsNoTracking().Include(r => r.People).SingleAsync(r => r.Reference == template);
            for (var i = 0; i < 1002; i++)
            {
                db.Referrals.Add(new Referral
                {
                    Reference = ReferenceGenerator.New(), SubmissionId = Guid.NewGuid(), ProgrammeId = original.ProgrammeId, HubId = original.HubId,
                    Route = original.Route, ReceivedAtUtc = original.ReceivedAtUtc.AddMinutes(i + 1), ClientType = ClientType.Individual,
                    Difficulty = original.Difficulty, CounsellingKinds = original.CounsellingKinds, Availability = original.Availability, Format = original.Format,
                    People = [new ReferralPerson { Role = PersonRole.Primary, FirstName = $"F{i}", LastName = lastName, DateOfBirth = original.Primary.DateOfBirth }],
                });
            }
            await db.SaveChangesAsync();
        }
        var (user, roles) = (await own.CreateUserAsync(Roles.Coordinator), new[] { Roles.Coordinator });

        var first = await own.SendAsync(new GetTriageQueue.Query { Search = lastName }, user, roles);
        var last = await own.SendAsync(new GetTriageQueue.Query { Search = lastName, PageNumber = 99 }, user, roles);

        Assert.True(first.MoreThanCounted);
        Assert.Equal((GetTriageQueue.MaxCountedNameMatches, 40), (first.TotalCount, first.PageCount));
        Assert.Equal(template, first.Rows[0].Reference); // still oldest first
        Assert.Equal((40, 976, 1000), (last.PageNumber, last.FirstRowNumber, last.LastRowNumber));
        // A search by reference counts as before.
        var exact = await own.SendAsync(new GetTriageQueue.Query { Search = template }, user, roles);
        Assert.Equal((false, 1), (exact.MoreThanCounted, exact.TotalCount));
    }

    [Fact]
    public async Task Risk_only_shows_just_the_flagged_referrals()
    {
        var lastName = TriageData.UniqueName("Risky");
        var flagged = await TriageData.SubmitAsync(app, lastName, risk: true);
        await TriageData.SubmitAsync(app, lastName);
        var flaggedParents = await TriageData.SubmitAsync(app, lastName, professional: true, risk: true);

        var all = await QueueAsync(new GetTriageQueue.Query { Search = lastName });
        var risky = await QueueAsync(new GetTriageQueue.Query { Search = lastName, RiskOnly = true });

        Assert.Equal(3, all.TotalCount);
        Assert.Equal([flagged, flaggedParents], risky.Rows.Select(r => r.Reference));
        Assert.All(risky.Rows, r => Assert.True(r.RiskFlag));
        Assert.Equal([flaggedParents], (await QueueAsync(new GetTriageQueue.Query { Search = lastName, RiskOnly = true, ProgrammeCode = "parents-in-conflict" })).Rows.Select(r => r.Reference));
    }

    [Fact]
    public async Task Age_counts_whole_days_since_the_referral_arrived()
    {
        var lastName = TriageData.UniqueName("Aged");
        await TriageData.SubmitAsync(app, lastName);
        app.Clock.Advance(TimeSpan.FromDays(12));

        var queue = await QueueAsync(new GetTriageQueue.Query { Search = lastName });

        Assert.Equal(12, Assert.Single(queue.Rows).AgeInDays);
    }

    [Fact]
    public async Task Filters_that_are_not_valid_are_refused_for_every_caller()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => QueueAsync(new GetTriageQueue.Query
        {
            Search = new string('a', GetTriageQueue.MaxSearchLength + 1),
            ProgrammeCode = "nope",
            Status = (ReferralStatus)42,
        }));

        Assert.Equal(["ProgrammeCode", "Search", "Status"], ex.Errors.Select(e => e.Property).Order());
    }

    [Fact]
    public async Task Staff_outside_the_visibility_rule_see_nothing_and_a_referral_answers_not_found_and_is_audited()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Hidden"));
        var therapist = await app.CreateUserAsync(Roles.Therapist);
        string[] roles = [Roles.Therapist];

        var queue = await app.SendAsync(new GetTriageQueue.Query(), therapist, roles);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetReferral.Query(reference), therapist, roles));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RecordContactAttempt.Command
        {
            Reference = reference,
            ConcurrencyStamp = Guid.NewGuid(),
            Date = DateInput.From(UkTime.Today(app.Clock)),
            Time = UkTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            Method = ContactMethod.Phone,
            Outcome = ContactOutcome.NoAnswer,
        }, therapist, roles));

        Assert.Equal((0, 0), (queue.TotalCount, queue.Programmes.Count));
        var entries = await app.QueryDbAsync(db => db.AuditEntries.Where(a => a.EntityId == reference && a.UserId == therapist.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((AuditActions.ReferralAccessDenied, "not visible to this user"), (e.Action, e.Detail)));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ContactAttempts.CountAsync(a => a.ReferralId == db.Referrals.Single(r => r.Reference == reference).Id)));
    }

    [Fact]
    public async Task GetReferral_returns_contact_attempts_newest_first_with_who_recorded_them()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("History"));
        var (user, roles) = await CoordinatorAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        var stamp = (await app.SendAsync(new GetReferral.Query(reference), user, roles)).ConcurrencyStamp;
        var now = UkTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime);

        var firstResult = await app.SendAsync(Attempt(reference, stamp, now.AddHours(-1), ContactOutcome.NoAnswer), user, roles);
        var afterFirst = await app.SendAsync(new GetReferral.Query(reference), user, roles);
        await app.SendAsync(Attempt(reference, afterFirst.ConcurrencyStamp, now, ContactOutcome.Spoke), user, roles);
        var details = await app.SendAsync(new GetReferral.Query(reference), user, roles);

        Assert.Equal(ReferralStatus.Contacting, firstResult.Status);
        Assert.NotEqual(stamp, afterFirst.ConcurrencyStamp);
        Assert.Equal([ContactOutcome.Spoke, ContactOutcome.NoAnswer], details.ContactAttempts.Select(a => a.Outcome));
        Assert.All(details.ContactAttempts, a => Assert.Equal(user.DisplayName, a.RecordedBy));
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0), UkTime.Zone), details.LastContactAtUtc);

        // A stale stamp is refused whoever sends it.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => app.SendAsync(Attempt(reference, stamp, now, ContactOutcome.Spoke), user, roles));
    }

    [Fact]
    public async Task A_closed_referral_refuses_contact_attempts_with_a_message_for_the_user()
    {
        var reference = await TriageData.SubmitAsync(app, TriageData.UniqueName("Closed"));
        await app.QueryDbAsync(db => db.Referrals.Where(r => r.Reference == reference)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReferralStatus.Closed)));
        var (user, roles) = await CoordinatorAsync();
        var details = await app.SendAsync(new GetReferral.Query(reference), user, roles);

        var ex = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(
            Attempt(reference, details.ConcurrencyStamp, UkTime.ToLocal(app.Clock.GetUtcNow().UtcDateTime), ContactOutcome.Spoke), user, roles));

        Assert.Equal("Contact attempts cannot be recorded on a closed or withdrawn referral.", ex.Message);
        Assert.False(details.IsOpen);
    }

    private static RecordContactAttempt.Command Attempt(string reference, Guid stamp, DateTime ukLocal, ContactOutcome outcome) => new()
    {
        Reference = reference,
        ConcurrencyStamp = stamp,
        Date = DateInput.From(DateOnly.FromDateTime(ukLocal)),
        Time = ukLocal.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        Method = ContactMethod.Phone,
        Outcome = outcome,
    };
}
