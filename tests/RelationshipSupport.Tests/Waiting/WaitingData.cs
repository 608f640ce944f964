using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Waiting;

/// <summary>Referrals on the waiting list, therapists and contact attempts for the waiting-list tests, made through the domain.</summary>
public static class WaitingData
{
    private static readonly Actor System = new("test", "Test coordinator");

    /// <summary>
    /// Submits a couple's referral with a contact email and phone of its own (the shared test referral's details would
    /// make every referral a possible duplicate of every other) and returns its reference.
    /// </summary>
    public static async Task<string> SubmitAsync(TestApp app, string lastName, string firstName = "Alex", Action<SubmitReferral.Command>? change = null, bool risk = false)
    {
        var command = TestReferrals.Couple(lastName, firstName, risk: risk);
        var unique = Guid.NewGuid().ToString("N")[..8];
        command.Primary.Email = $"{unique}@example.com";
        command.Primary.Phone = "07" + string.Concat(Guid.NewGuid().ToByteArray().Take(9).Select(b => (char)('0' + (b % 10))));
        change?.Invoke(command);
        return (await app.SendAsync(command)).Reference;
    }

    /// <summary>Screens the referral as meeting every criterion, which puts it on the waiting list; optionally sets when it joined.</summary>
    public static async Task PlaceOnWaitingListAsync(TestApp app, string reference, DateTime? waitingSinceUtc = null, bool priority = false)
    {
        await WithReferralAsync(app, reference, (referral, now) =>
        {
            var programme = referral.Programme!;
            referral.StartScreening(System, now);
            var answers = programme.Criteria.Where(c => c.IsActive).ToDictionary(c => c.Id, c => c.Kind == CriterionKind.Inclusion);
            referral.RecordScreening(programme, answers, ScreeningOutcome.Accept, null, null, System, now);
            Assert.Equal(ReferralStatus.WaitingForAssessment, referral.Status);
            if (waitingSinceUtc is { } since) referral.WaitingSinceUtc = since;
            if (priority) referral.SetPriority(true, "Test priority", System with { IsSupervisor = true }, now);
        });
    }

    /// <summary>Unanswered contact attempts ("no answer"), one minute apart, ending now.</summary>
    public static Task RecordUnansweredAttemptsAsync(TestApp app, string reference, int count) =>
        WithReferralAsync(app, reference, (referral, now) =>
        {
            for (var i = count; i > 0; i--)
            {
                referral.RecordContactAttempt(now.AddMinutes(-i), ContactMethod.Phone, ContactOutcome.NoAnswer, null, System, now);
            }
        });

    public static async Task WithReferralAsync(TestApp app, string reference, Action<Referral, DateTime> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var referral = await db.Referrals
            .Include(r => r.Programme).ThenInclude(p => p!.Criteria)
            .Include(r => r.People).Include(r => r.ContactAttempts).Include(r => r.Allocations)
            .SingleAsync(r => r.Reference == reference);
        change(referral, app.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    /// <summary>An active therapist with a capacity and the times they can see clients.</summary>
    public static async Task<StaffUser> TherapistAsync(TestApp app, int capacity, Availability availability, string? organisation = "Partner Counselling")
    {
        var created = await app.CreateUserAsync(Roles.Therapist);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == created.Id);
        user.CaseCapacity = capacity;
        user.Availability = availability;
        user.Organisation = organisation;
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Fills a therapist's places with open allocations of other (fake) referrals.</summary>
    public static async Task GiveOpenCasesAsync(TestApp app, StaffUser therapist, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var reference = await SubmitAsync(app, TestReferrals.UniqueName("Filler"));
            await PlaceOnWaitingListAsync(app, reference);
            await WithReferralAsync(app, reference, (referral, now) => referral.Allocate([therapist.Id], System, now));
        }
    }
}
