using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Tests.Waiting;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Cases;

/// <summary>
/// Cases for the issue-4 tests, made through the domain rules: a couple's referral screened, allocated to a therapist
/// (who has a supervisor), and, when asked, with its assessments signed off and therapy offered.
/// </summary>
public static class CaseData
{
    public static readonly Actor Coordinator = new("test", "Test coordinator");

    /// <summary>A therapist (capacity 10, any time) supervised by <paramref name="supervisor"/>, or by nobody.</summary>
    public static async Task<StaffUser> TherapistAsync(TestApp app, StaffUser? supervisor = null)
    {
        var therapist = await WaitingData.TherapistAsync(app, 10, Availability.WeekdayMornings | Availability.WeekdayAfternoons | Availability.WeekdayEvenings);
        if (supervisor is not null)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == therapist.Id);
            user.SupervisorUserId = supervisor.Id;
            await db.SaveChangesAsync();
            therapist.SupervisorUserId = supervisor.Id;
        }
        return therapist;
    }

    /// <summary>A couple's referral, screened and allocated to <paramref name="therapist"/> (and a co-therapist); returns its reference.</summary>
    public static async Task<string> AllocatedAsync(TestApp app, StaffUser therapist, StaffUser? coTherapist = null, string? lastName = null)
    {
        var reference = await WaitingData.SubmitAsync(app, lastName ?? TestReferrals.UniqueName("Case"));
        await WaitingData.PlaceOnWaitingListAsync(app, reference);
        IReadOnlyList<string> ids = coTherapist is null ? [therapist.Id] : [therapist.Id, coTherapist.Id];
        await WaitingData.WithReferralAsync(app, reference, (referral, now) => referral.Allocate(ids, Coordinator, now));
        return reference;
    }

    /// <summary>
    /// An allocated case whose required assessments are written by <paramref name="therapist"/>, signed off by a
    /// supervisor and followed by the offer of therapy: ready for sessions.
    /// </summary>
    public static async Task<string> InTherapyAsync(TestApp app, StaffUser therapist, StaffUser? coTherapist = null, string? lastName = null)
    {
        var reference = await AllocatedAsync(app, therapist, coTherapist, lastName);
        var author = new Actor(therapist.Id, therapist.DisplayName);
        var supervisor = new Actor("test-supervisor", "Test supervisor", IsSupervisor: true);
        await WithCaseAsync(app, reference, (referral, now) =>
        {
            var programme = referral.Programme!;
            foreach (var (kind, personId) in referral.RequiredAssessments(programme))
            {
                var assessment = referral.StartAssessment(programme, kind, personId, author, now);
                Complete(assessment);
                assessment.Submit(therapist.Id, now);
                assessment.SignOff(supervisor, null, now);
            }
            referral.OfferTherapy(programme, author, now);
        });
        return reference;
    }

    /// <summary>Fills in everything an assessment needs before it can be submitted (no risk above low).</summary>
    public static void Complete(Assessment assessment)
    {
        assessment.HeldOn = new DateOnly(2026, 11, 2);
        assessment.Mode = SessionMode.Video;
        assessment.PresentingIssue = "Arguments about work hours";
        assessment.ExpectationsAgreed = "Weekly sessions, both attend";
        assessment.Goals = "Argue less";
        assessment.Recommendation = AssessmentRecommendation.OfferTherapy;
        foreach (var area in Enum.GetValues<RiskArea>())
        {
            assessment.RateRisk(area, area == RiskArea.SubstanceMisuse ? RiskLevel.Low : RiskLevel.None, null);
        }
    }

    /// <summary>Loads the case with everything the case rules need, applies <paramref name="change"/> and saves.</summary>
    public static async Task WithCaseAsync(TestApp app, string reference, Action<Referral, DateTime> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var referral = await Load(db).SingleAsync(r => r.Reference == reference);
        change(referral, app.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    public static IQueryable<Referral> Load(AppDbContext db) => db.Referrals
        .Include(r => r.Programme).ThenInclude(p => p!.Criteria)
        .Include(r => r.People)
        .Include(r => r.Allocations)
        .Include(r => r.Assessments).ThenInclude(a => a.Risks)
        .Include(r => r.Sessions)
        .Include(r => r.SessionExtensions)
        .Include(r => r.Notes).ThenInclude(n => n.Addenda)
        .Include(r => r.Tasks)
        .Include(r => r.RiskAlerts)
        .Include(r => r.Signposting)
        .AsSplitQuery();
}
