using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Web.Infrastructure;

namespace RelationshipSupport.Tests.Infrastructure;

/// <summary><c>seed-bench --report-participants N</c>: the data of the report generation benchmark (bench/report-generation).</summary>
public sealed class ReportBenchSeedingTests
{
    [Fact]
    public async Task It_adds_the_stated_participants_and_four_administrations_each_to_the_parents_programme()
    {
        using var app = new TestApp();

        var exitCode = await CommandLine.SeedBenchAsync(app.Services, production: false, ["seed-bench", "--report-participants", "200"]);

        Assert.Equal(0, exitCode);
        // 100 couples; of every 20, 16 allocated (assessed: 2 individual + 1 joint), 14 of them into therapy.
        Assert.Equal(100, await app.QueryDbAsync(db => db.Referrals.CountAsync(r => r.Programme!.Code == ReferenceDataSeeder.ParentsInConflict)));
        Assert.Equal(200, await app.QueryDbAsync(db => db.ReferralPeople.CountAsync()));
        Assert.Equal(80 * 3, await app.QueryDbAsync(db => db.Assessments.CountAsync()));
        Assert.Equal(70, await app.QueryDbAsync(db => db.TherapySessions.Select(s => s.ReferralId).Distinct().CountAsync()));
        // 200 × 4 = 800 administrations: 120 people × 4 at intake, 64 × 5 at the end; every one completed and scored
        // (satisfaction has no score: its answers are what the report reads).
        Assert.Equal(184, await app.QueryDbAsync(db => db.QuestionnaireRequests.CountAsync(q => q.Status == QuestionnaireStatus.Completed)));
        Assert.Equal(800, await app.QueryDbAsync(db => db.QuestionnaireResponses.CountAsync()));
        Assert.Equal(800 - 64, await app.QueryDbAsync(db => db.QuestionnaireScores.CountAsync(s => s.Value != null)));
        Assert.Equal(64 * 11, await app.QueryDbAsync(db => db.QuestionnaireAnswers.CountAsync()));

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        using var scope = app.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<ReportFiguresBuilder>()
            .BuildAsync(ReferenceDataSeeder.ParentsInConflict, today.AddYears(-1), today, CancellationToken.None);
        Assert.Equal(100, figures.ReferralsTotal);
        var core = figures.Measures.First(m => m.InstrumentCode == BuiltInInstruments.Core10);
        Assert.Equal(120, figures.Flow.Single(f => f.Label == "Usable intake questionnaire").Count);
        Assert.InRange(core.Paired.N, 40, 64); // those of the 64 who consented to evaluation
        Assert.True(core.Paired.Difference.Mean > 0 && core.Paired.T is not null);
        Assert.Equal(64, figures.Flow.Single(f => f.Label == "Post-therapy questionnaire").Count);
        Assert.NotNull(figures.Satisfaction);
    }

    [Fact]
    public async Task It_refuses_a_missing_or_too_small_number()
    {
        using var app = new TestApp();

        Assert.Equal(2, await CommandLine.SeedBenchAsync(app.Services, production: false, ["seed-bench", "--report-participants", "x"]));
        Assert.Equal(2, await CommandLine.SeedBenchAsync(app.Services, production: true, ["seed-bench", "--report-participants", "20"]));
        Assert.Equal(0, await app.QueryDbAsync(db => db.ReferralPeople.CountAsync()));
    }
}
