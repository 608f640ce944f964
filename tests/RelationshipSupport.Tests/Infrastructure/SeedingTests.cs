using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Infrastructure;

public sealed class SeedingTests
{
    [Fact]
    public async Task Development_seeds_one_demo_user_per_role_and_demo_referrals()
    {
        using var app = TestApp.With(new() { ["Database:SeedDemoData"] = "true" });

        var users = await app.QueryDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
        var roles = await app.QueryDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select r.Name).Distinct().ToListAsync());

        Assert.Equal(DemoDataSeeder.DemoUsers.Select(u => u.Email).Order(), users.Order());
        Assert.Equal(RelationshipSupport.Application.Identity.Roles.All.Order(), roles.Order());
        Assert.True(await app.QueryDbAsync(db => db.Referrals.CountAsync()) >= 20);

        // Every stage of a case has something to show, made by the domain's rules (a rule refusing would have failed the seed).
        var statuses = await app.QueryDbAsync(db => db.Referrals.Select(r => r.Status).Distinct().ToListAsync());
        Assert.Superset(new HashSet<ReferralStatus> { ReferralStatus.Allocated, ReferralStatus.InTherapy, ReferralStatus.Ended }, statuses.ToHashSet());
        Assert.True(await app.QueryDbAsync(db => db.Assessments.AnyAsync(a => a.Status == AssessmentStatus.Submitted)));
        Assert.True(await app.QueryDbAsync(db => db.TherapySessions.AnyAsync(s => s.Attendance == AttendanceOutcome.DidNotAttend)));
        Assert.True(await app.QueryDbAsync(db => db.CaseNotes.AnyAsync()));
        Assert.True(await app.QueryDbAsync(db => db.SessionExtensions.AnyAsync(e => e.Status == ExtensionStatus.Pending)));
        Assert.True(await app.QueryDbAsync(db => db.Users.AnyAsync(u => u.SupervisorUserId != null)));
        // Questionnaires: intake and end scores to show, and one overdue on a caseload.
        var completed = await app.QueryDbAsync(db => db.QuestionnaireRequests
            .Where(q => q.Status == RelationshipSupport.Domain.Outcomes.QuestionnaireStatus.Completed).Select(q => q.Timepoint).Distinct().ToListAsync());
        Assert.Equal([RelationshipSupport.Domain.Outcomes.Timepoint.Intake, RelationshipSupport.Domain.Outcomes.Timepoint.End], completed.Order());
        Assert.True(await app.QueryDbAsync(db => db.QuestionnaireScores.AnyAsync(s => s.Value != null)));
        Assert.True(await app.QueryDbAsync(db => db.QuestionnaireRequests.AnyAsync(q => q.Status == RelationshipSupport.Domain.Outcomes.QuestionnaireStatus.Pending && q.DueAtUtc < app.Clock.GetUtcNow().UtcDateTime)));
    }

    [Fact]
    public async Task Production_seeds_the_programmes_and_hubs_but_no_users_or_referrals_even_when_asked()
    {
        using var app = TestApp.With(new() { ["Database:SeedDemoData"] = "true", ["Security:RequireTwoFactor"] = "true" }, environment: "Production");

        Assert.Equal(0, await app.QueryDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Referrals.CountAsync()));
        var programmes = await app.QueryDbAsync(db => db.Programmes.Include(p => p.Hubs).ToListAsync());
        Assert.Equal(["nhs-staff", "parents-in-conflict"], programmes.Select(p => p.Code).Order());
        Assert.True(programmes.Single(p => p.Code == "nhs-staff").Hubs.Count >= 3);
        Assert.Equal((4, 6), programmes.Single(p => p.Code == "nhs-staff") is var staff ? (staff.MinSessions, staff.MaxSessions) : default);
        Assert.Equal((6, 10), programmes.Single(p => p.Code == "parents-in-conflict") is var parents ? (parents.MinSessions, parents.MaxSessions) : default);
        Assert.True(programmes.Single(p => p.Code == "parents-in-conflict").RequiresScreeningPanel);
        // The built-in questionnaires and each programme's default schedule are reference data.
        Assert.Equal(RelationshipSupport.Domain.Outcomes.BuiltInInstruments.Codes.Order(), await app.QueryDbAsync(db => db.Instruments.Select(i => i.Code).OrderBy(c => c).ToListAsync()));
        Assert.Equal(2, await app.QueryDbAsync(db => db.ProgrammeInstruments.Select(p => p.ProgrammeId).Distinct().CountAsync()));
    }
}
