using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Cases;
using RelationshipSupport.Tests.Outcomes;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Reporting;

/// <summary>
/// Report figures from real records on SQLite: three couples' questionnaires, one partner who declined evaluation,
/// with every expected figure worked out by hand (CORE-10 with every item answered v totals 6v + 8).
/// </summary>
public sealed class ReportFiguresTests : IDisposable
{
    private readonly TestApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Outcomes_count_consented_participants_only_and_the_flow_counts_everyone()
    {
        await ReportData.ThreeCouplesAsync(app);

        var figures = await BuildAsync();

        var core10 = figures.Measures.Single(m => m.InstrumentCode == "CORE-10");
        // Consented intake totals 26, 20, 20, 14: mean 20, all at 11 or above. End 14, 8, 20: mean 14, two of three.
        Assert.Equal((4, 20.0, 100.0), (core10.Intake.N, core10.Intake.Mean!.Value, core10.IntakePercentClinical!.Value));
        Assert.Equal((3, 14.0), (core10.End.N, core10.End.Mean!.Value));
        Assert.Equal(200.0 / 3, core10.EndPercentClinical!.Value, 10);
        // Pairs (26, 14), (20, 8), (20, 20): d = 12, 12, 0; mean 8, sd √48; t = 8 / (√48 / √3) = 2, df 2.
        Assert.Equal((3, 8.0, 2), (core10.Paired.N, core10.Paired.Difference.Mean!.Value, core10.Paired.Df!.Value));
        Assert.Equal(2.0, core10.Paired.T!.Value, 10);
        Assert.Equal("t(2)=2.00, p=.184", core10.Paired.Format());
        // 26 → 14 is reliable but still clinical; 20 → 8 is reliable and clinically significant.
        Assert.Equal((2, 1, 3), (core10.Change.ReliableImprovement, core10.Change.ReliableAndClinicallySignificant, core10.Change.ClinicalAtIntake));

        var csi4 = figures.Measures.Single(m => m.InstrumentCode == "CSI-4");
        // CSI-4 totals 4w: consented intake 8, 8, 12, 16 (mean 11); pairs (8, 16), (8, 16), (12, 12): d = −8, −8, 0.
        Assert.Equal((4, 11.0), (csi4.Intake.N, csi4.Intake.Mean!.Value));
        Assert.Equal(-16.0 / 3, csi4.Paired.Difference.Mean!.Value, 10);
        Assert.Equal("Higher scores mean better", csi4.Direction);

        Assert.Equal(
            [("Referred", 3), ("Not suitable (met exclusion criteria)", 0), ("Offered the service", 3), ("Assessed", 3), ("Entered the intervention", 0),
             ("Usable intake questionnaire", 5), ("Post-therapy questionnaire", 4), ("Refused consent for analysis", 1), ("Pre and post with consent", 3)],
            figures.Flow.Select(f => (f.Label, f.Count)));
        Assert.Equal(["It helped us listen."], figures.Quotes);
        // Consented answers 10, 9, 6: two promoters, one detractor of three.
        Assert.Equal(new NetPromoterFigures(3, 2, 0, 1, 100.0 / 3), figures.NetPromoter);
        Assert.Equal(3, figures.ReferralsTotal);
        Assert.Equal(new CountRow("Self-referral (web form)", 3, 100), Assert.Single(figures.ReferralsByRoute));
        Assert.Equal(OutcomeAnalysisEndRule, figures.EndRule);
        // Ranges from the definitions: the Risk score adds CORE-10 item 6 (0–4) to its four items.
        Assert.Equal(
            [("CORE-10", "0–40"), ("CORE-RISK", "0–20"), ("CSI-4", "0–21"), ("NPS", "0–10")],
            figures.MeasuresUsed.Select(m => (m.Code, m.Range!)));
    }

    private const string OutcomeAnalysisEndRule = RelationshipSupport.Domain.Statistics.OutcomeAnalysis.EndRule;

    private async Task<ReportFigures> BuildAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReportFiguresBuilder>()
            .BuildAsync(ReferenceDataSeeder.NhsStaff, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), CancellationToken.None);
    }
}
