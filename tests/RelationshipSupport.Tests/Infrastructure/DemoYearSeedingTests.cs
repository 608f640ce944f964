using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using Xunit.Abstractions;

namespace RelationshipSupport.Tests.Infrastructure;

/// <summary>
/// The development seed's past year (DemoDataSeeder.History): a newcomer's first report for either programme over the
/// last twelve months has the seeds' kind of figures, and the same figures on every run.
/// </summary>
public sealed class DemoYearSeedingTests(ITestOutputHelper output)
{
    private static readonly DateOnly To = new(2026, 11, 2); // TestApp's clock
    private static readonly DateOnly From = To.AddYears(-1).AddDays(1);

    [Fact]
    public async Task The_demo_year_gives_both_programmes_report_figures_like_the_seeds_and_the_same_on_every_run()
    {
        var watch = Stopwatch.StartNew();
        using (var plain = new TestApp())
        {
            _ = plain.Services; // start-up and migrations without the demo seed, to subtract
        }
        var plainSeconds = watch.Elapsed.TotalSeconds;
        var (staff, parents, seconds) = await SeedAndBuildAsync();
        output.WriteLine($"Start-up with the demo seed {seconds:F1} s, without {plainSeconds:F1} s: the seed about {seconds - plainSeconds:F1} s");
        Describe(staff);
        Describe(parents);

        // Staff programme (HEE style): self-referrals and hub referrals, individuals and couples.
        Assert.InRange(staff.ReferralsTotal, 200, 400);
        Assert.Equal(["Self-referral (web form)", "Staff Wellbeing Hub", "Phone or email (entered by a coordinator)"], staff.ReferralsByRoute.Select(r => r.Label));
        Assert.True(staff.ReferralsByRoute[0].Count > staff.ReferralsByRoute[1].Count);
        Assert.True(staff.Headline.SeenAsIndividuals > 30 && staff.Headline.CouplesSeen > 50, "individuals and couples seen");
        var core = Measure(staff, BuiltInInstruments.Core10);
        Assert.True(core.Paired.N >= 30, $"CORE-10 pairs: {core.Paired.N}");
        Assert.InRange(core.Intake.Mean!.Value, 15.5, 20.5);
        Assert.InRange(core.Paired.After.Mean!.Value, 8.5, 13.5);
        Assert.True(core.Paired.Difference.Mean > 3 && core.Paired.T is > 0 && core.Paired.P is < 0.001, core.Paired.Format());
        Assert.True(core.Change.ReliableDeterioration > 0, "someone got reliably worse");
        Assert.True(Measure(staff, BuiltInInstruments.Csi4).Paired.Difference.Mean < 0, "CSI-4 rises");
        Assert.True(Measure(staff, DemoDataSeeder.CoupleCommunication, "conflict").Paired.N >= 20, "the couple communication questionnaire is scored");
        Assert.True(staff.NetPromoter is { N: >= 30, Score: > 20 }, $"NPS {staff.NetPromoter}");
        Assert.Null(staff.Satisfaction);
        Assert.NotEmpty(staff.Quotes);
        Assert.True(staff.Sessions.DidNotAttend > 0 && staff.Sessions.CancelledByClient > 0 && staff.Sessions.CompletedCases >= 40);
        Assert.True(staff.Demographics.Ethnicity.Rows.Count >= 8 && staff.Demographics.MaritalStatus.Answered > staff.Demographics.MaritalStatus.NotRecorded * 5);

        // Parents programme (DWP style): professional referrals of couples, drop-outs at every step of the flowchart.
        Assert.InRange(parents.ReferralsTotal, 90, 200);
        Assert.Equal("Professional referral", Assert.Single(parents.ReferralsByRoute).Label);
        Assert.All(parents.Flow.Take(5), step => Assert.True(step.Count > 0, step.Label));
        Assert.True(parents.Flow[2].Count < parents.Flow[0].Count && parents.Flow[4].Count < parents.Flow[2].Count, "fewer at each step");
        Assert.True(parents.Flow[7].Count > 0, "some refused consent for analysis");
        var parentsCore = Measure(parents, BuiltInInstruments.Core10);
        Assert.True(parentsCore.Paired.N >= 30, $"CORE-10 pairs: {parentsCore.Paired.N}");
        Assert.True(parentsCore.Paired.Difference.Mean > 2 && parentsCore.Paired.P is < 0.05, parentsCore.Paired.Format());
        Assert.NotNull(Measure(parents, BuiltInInstruments.CoreRisk).Paired.T);
        Assert.NotNull(Measure(parents, BuiltInInstruments.Argument).Paired.T);
        Assert.True(parents.Satisfaction is { Respondents: >= 30 }, "satisfaction answered");
        Assert.Null(parents.NetPromoter);
        Assert.True(parents.CliniciansByOrganisation.Count >= 2, "clinicians from more than one organisation");

        // Reproducible: a second, fresh seed gives the same figures.
        var (staffAgain, parentsAgain, _) = await SeedAndBuildAsync();
        Assert.Equal(Json(staff), Json(staffAgain));
        Assert.Equal(Json(parents), Json(parentsAgain));
    }

    [Fact]
    public async Task History_cases_have_all_ended_and_caseloads_stay_within_capacity()
    {
        using var app = TestApp.With(new() { ["Database:SeedDemoData"] = "true" });
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // Open cases are the hand-written ones (received in the last five months); every history case has closed.
        var oldestOpen = await app.QueryDbAsync(db => db.Referrals.Where(r => ReferralWorkflow.OpenStatuses.Contains(r.Status)).MinAsync(r => r.ReceivedAtUtc));
        Assert.True(oldestOpen > now.AddDays(-160), $"oldest open referral received {oldestOpen:u}");
        Assert.False(await app.QueryDbAsync(db => db.TherapySessions.AnyAsync(s => s.StartsAtUtc > now && s.Attendance != null)));

        // No therapist held more cases at once than their capacity, at any allocation in the year.
        var therapists = await app.QueryDbAsync(db => db.Users.Where(u => u.CaseCapacity != null).ToDictionaryAsync(u => u.Id, u => u.CaseCapacity!.Value));
        var allocations = await app.QueryDbAsync(db => db.CaseAllocations.Select(a => new { a.TherapistUserId, a.AllocatedAtUtc, a.EndedAtUtc }).ToListAsync());
        foreach (var a in allocations.Where(a => a.AllocatedAtUtc < now.AddDays(-160)))
        {
            var load = allocations.Count(b => b.TherapistUserId == a.TherapistUserId && b.AllocatedAtUtc <= a.AllocatedAtUtc && (b.EndedAtUtc ?? DateTime.MaxValue) > a.AllocatedAtUtc);
            Assert.True(load <= therapists[a.TherapistUserId], $"{load} cases at {a.AllocatedAtUtc:u}");
        }
    }

    private async Task<(ReportFigures Staff, ReportFigures Parents, double Seconds)> SeedAndBuildAsync()
    {
        var watch = Stopwatch.StartNew();
        using var app = TestApp.With(new() { ["Database:SeedDemoData"] = "true" });
        _ = app.Services; // starts the host: migrations and the seed
        var seconds = watch.Elapsed.TotalSeconds;
        using var scope = app.Services.CreateScope();
        var builder = scope.ServiceProvider.GetRequiredService<ReportFiguresBuilder>();
        return (await builder.BuildAsync(ReferenceDataSeeder.NhsStaff, From, To, CancellationToken.None),
            await builder.BuildAsync(ReferenceDataSeeder.ParentsInConflict, From, To, CancellationToken.None), seconds);
    }

    private static MeasureFigures Measure(ReportFigures figures, string code, string? key = null) =>
        figures.Measures.First(m => m.InstrumentCode == code && (key is null || m.ScoreKey == key));

    private static string Json(ReportFigures figures) => JsonSerializer.Serialize(figures);

    private void Describe(ReportFigures f)
    {
        output.WriteLine($"== {f.Header.ProgrammeCode}: {f.ReferralsTotal} referrals; {string.Join(", ", f.ReferralsByRoute.Select(r => $"{r.Label} {r.Count}"))}");
        output.WriteLine($"   seen {f.Headline.ClientsSeen} ({f.Headline.SeenAsIndividuals} individuals, {f.Headline.SeenAsPartOfCouple} in {f.Headline.CouplesSeen} couples)");
        output.WriteLine($"   sessions offered {f.Sessions.Offered}, attended {f.Sessions.Attended}, DNA {f.Sessions.DidNotAttend} ({f.Sessions.DidNotAttendRate:F1}%), completed cases {f.Sessions.CompletedCases}, per case {f.Sessions.SessionsPerCompletedCase.Format()}");
        output.WriteLine($"   flow: {string.Join(" | ", f.Flow.Select(s => $"{s.Label} {s.Count}"))}");
        foreach (var m in f.Measures)
        {
            output.WriteLine($"   {m.InstrumentCode}/{m.ScoreKey}: intake {m.Intake.N} {m.Intake.Format()} ({m.IntakePercentClinical:F0}% clinical), end {m.End.N} {m.End.Format()}; paired n={m.Paired.N} {m.Paired.Before.Format()} -> {m.Paired.After.Format()} {m.Paired.Format()}; men {m.PairedMen.N}, women {m.PairedWomen.N}; RCSI {m.Change.ReliableAndClinicallySignificant}/{m.Change.ClinicalAtIntake}, worse {m.Change.ReliableDeterioration}");
        }
        output.WriteLine($"   NPS {f.NetPromoter}; satisfaction {f.Satisfaction?.Respondents}; quotes {f.Quotes.Count}; clinicians {string.Join(", ", f.CliniciansByOrganisation.Select(c => $"{c.Label} {c.Count}"))}");
        output.WriteLine($"   gender {string.Join(", ", f.Demographics.Gender.Rows.Select(r => $"{r.Label} {r.Count}"))}; age {f.Demographics.Age.N} {f.Demographics.Age.Mean:F1} ({f.Demographics.Age.Sd:F1})");
        output.WriteLine($"   ethnicity {string.Join(", ", f.Demographics.Ethnicity.Rows.Select(r => $"{r.Label} {r.Count}"))}");
        output.WriteLine($"   marital {string.Join(", ", f.Demographics.MaritalStatus.Rows.Select(r => $"{r.Label} {r.Count}"))}; years {string.Join(", ", f.Demographics.RelationshipLength.Rows.Select(r => $"{r.Label} {r.Count}"))}");
        output.WriteLine($"   qualification {string.Join(", ", f.Demographics.Qualification.Rows.Select(r => $"{r.Label} {r.Count}"))}; employment {string.Join(", ", f.Demographics.Employment.Rows.Select(r => $"{r.Label} {r.Count}"))}");
        output.WriteLine($"   waiting: to assessment {f.Waiting.ToAssessment}, to first session {f.Waiting.ToFirstSession}");
    }
}
