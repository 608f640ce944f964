using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;
using static RelationshipSupport.Tests.Screening.ScreeningData;

namespace RelationshipSupport.Tests.Screening;

/// <summary>The screening use cases through the real mediator (validation and all) on a real database.</summary>
public sealed class ScreeningSliceTests(TestApp app) : IClassFixture<TestApp>
{
    private static int users;

    private async Task<(StaffUser User, string[] Roles)> CoordinatorAsync() => (await app.CreateUserAsync(Roles.Coordinator), [Roles.Coordinator]);

    [Fact]
    public async Task Starting_screening_twice_records_one_move_and_one_audit_entry()
    {
        var reference = await SubmitAsync(app);
        var (user, roles) = await CoordinatorAsync();
        var stamp = await StampAsync(app, reference);

        var first = await app.SendAsync(new StartScreening.Command { Reference = reference, ConcurrencyStamp = stamp }, user, roles);
        var second = await app.SendAsync(new StartScreening.Command { Reference = reference, ConcurrencyStamp = stamp }, user, roles);

        Assert.Equal((true, false), (first.Started, second.Started));
        var stored = await LoadAsync(app, reference);
        var change = Assert.Single(stored.StatusChanges);
        Assert.Equal((ReferralStatus.Received, ReferralStatus.Screening, user.Id), (change.From, change.To, change.ByUserId));
        Assert.Equal(1, await app.QueryDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ScreeningStarted && a.EntityId == reference)));
    }

    [Fact]
    public async Task An_override_reason_sent_by_a_coordinator_is_ignored_and_the_acceptance_refused()
    {
        var reference = await InScreeningAsync(app);
        var (user, roles) = await CoordinatorAsync();
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        var stamp = await StampAsync(app, reference);

        var ex = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new RecordScreening.Command
        {
            Reference = reference,
            ConcurrencyStamp = stamp,
            Answers = criteria.Select(c => new RecordScreening.Answer { CriterionId = c.Id, Met = true }).ToList(),
            Outcome = ScreeningOutcome.Accept,
            OverrideReason = "I am sure",
        }, user, roles));

        Assert.StartsWith("An exclusion criterion is met", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await LoadAsync(app, reference)).Screenings);
    }

    [Fact]
    public async Task A_retired_signposting_entry_is_refused_and_nothing_is_saved()
    {
        var reference = await InScreeningAsync(app);
        var (user, roles) = await CoordinatorAsync();
        var retired = await app.QueryDbAsync(async db =>
        {
            var entry = new SignpostingEntry { Name = "Retired service", Kind = SignpostingKind.Other, Area = "Nowhere", WhenToUse = "Never", IsActive = false };
            db.SignpostingEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });
        var stamp = await StampAsync(app, reference);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new MarkNotSuitable.Command
        {
            Reference = reference,
            ConcurrencyStamp = stamp,
            NotSuitable = new NotSuitableInput { Reason = ClosureReason.OutsideArea, SignpostingIds = [retired] },
        }, user, roles));

        Assert.Equal("NotSuitable.SignpostingIds", Assert.Single(ex.Errors).Property);
        var stored = await LoadAsync(app, reference);
        Assert.Equal(ReferralStatus.Screening, stored.Status);
        Assert.False(await app.QueryDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Subject.Contains(reference) && m.Kind == OutcomeEmails.NotSuitableKind)));
    }

    [Fact]
    public async Task A_closure_reason_that_is_not_about_suitability_is_refused_by_validation()
    {
        var reference = await InScreeningAsync(app);
        var (user, roles) = await CoordinatorAsync();
        var stamp = await StampAsync(app, reference);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new MarkNotSuitable.Command
        {
            Reference = reference,
            ConcurrencyStamp = stamp,
            NotSuitable = new NotSuitableInput { Reason = ClosureReason.DuplicateReferral },
        }, user, roles));

        Assert.Equal(("NotSuitable.Reason", "Select why the referral is not suitable"), Assert.Single(ex.Errors));
    }

    [Fact]
    public async Task A_referral_waiting_for_the_panel_is_decided_at_its_meeting_not_on_the_not_suitable_step()
    {
        var reference = await WaitingForPanelAsync(app);
        var (user, roles) = await CoordinatorAsync();
        var stamp = await StampAsync(app, reference);

        var ex = await Assert.ThrowsAsync<DomainException>(() => app.SendAsync(new MarkNotSuitable.Command
        {
            Reference = reference,
            ConcurrencyStamp = stamp,
            NotSuitable = new NotSuitableInput { Reason = ClosureReason.RiskTooHigh },
        }, user, roles));

        Assert.Equal("This referral is waiting for the screening panel: record the panel's decision at its meeting.", ex.Message);
    }

    [Fact]
    public async Task A_case_waiting_on_one_meeting_cannot_be_put_on_another_and_panels_are_only_for_programmes_that_have_one()
    {
        var reference = await WaitingForPanelAsync(app);
        await PanelHttpTests.CreateMeetingAsync(app, reference);
        var other = await PanelHttpTests.CreateMeetingAsync(app);
        var (user, roles) = await CoordinatorAsync();
        var stamp = await app.QueryDbAsync(db => db.PanelMeetings.Where(m => m.Id == other).Select(m => m.ConcurrencyStamp).SingleAsync());

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            app.SendAsync(new AddPanelCases.Command { MeetingId = other, ConcurrencyStamp = stamp, References = [reference] }, user, roles));
        var staffPanel = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreatePanelMeeting.Command
        {
            ProgrammeCode = ReferenceDataSeeder.NhsStaff,
            Date = DateInput.From(new DateOnly(2026, 11, 20)),
            Members = "Someone",
            ClinicalLeadName = "Dr Lead",
        }, user, roles));

        Assert.Equal($"Referral {reference} is already on another meeting's list, waiting for a decision.", ex.Message);
        Assert.Equal(("ProgrammeCode", "Select the programme"), Assert.Single(staffPanel.Errors));
        Assert.Equal(0, await app.QueryDbAsync(db => db.PanelCases.CountAsync(c => c.PanelMeetingId == other)));
    }

    [Fact]
    public async Task The_supervisor_list_shows_only_visible_referrals_longest_waiting_first()
    {
        var criteria = await CriteriaAsync(app, ReferenceDataSeeder.ParentsInConflict);
        var staffCriteria = await CriteriaAsync(app, ReferenceDataSeeder.NhsStaff);
        var (coordinator, roles) = await CoordinatorAsync();
        async Task<string> ReferAsync(bool parents)
        {
            var reference = await InScreeningAsync(app, parents);
            await app.SendAsync(new RecordScreening.Command
            {
                Reference = reference,
                ConcurrencyStamp = await StampAsync(app, reference),
                Answers = (parents ? criteria : staffCriteria).Select(c => new RecordScreening.Answer { CriterionId = c.Id, Met = true }).ToList(),
                Outcome = ScreeningOutcome.ReferToSupervisor,
            }, coordinator, roles);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            return reference;
        }
        var older = await ReferAsync(parents: true);
        var newer = await ReferAsync(parents: false);
        var staffOnly = await TestHost.CreateCoordinatorAsync(app.Services, 8000 + Interlocked.Increment(ref users), [ReferenceDataSeeder.NhsStaff]);
        var supervisor = await app.CreateUserAsync(Roles.Supervisor);

        var all = await app.SendAsync(new GetSupervisorReviews.Query(), supervisor, [Roles.Supervisor]);
        var some = await app.SendAsync(new GetSupervisorReviews.Query(), staffOnly, [Roles.Coordinator]);

        Assert.True(all.ToList().FindIndex(r => r.Reference == older) < all.ToList().FindIndex(r => r.Reference == newer));
        Assert.Equal(coordinator.UserName, all.Single(r => r.Reference == older).ReferredBy);
        Assert.DoesNotContain(some, r => r.Reference == older);
        Assert.Contains(some, r => r.Reference == newer);
    }
}
