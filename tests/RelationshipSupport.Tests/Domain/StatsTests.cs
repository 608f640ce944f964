using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Tests.Domain;

/// <summary>
/// The reports' statistics against published values: seed 001's Table 1 (t and p as printed) and a paired test
/// worked by hand; edge cases say "not computable" instead of NaN.
/// </summary>
public sealed class StatsTests
{
    [Theory]
    [InlineData(2.80, 16, 0.013)] // CORE-10 (n=17)
    [InlineData(2.61, 16, 0.019)] // Risk
    [InlineData(3.60, 8, 0.007)]  // CORE-10, clinically distressed at intake (n=9)
    [InlineData(3.05, 5, 0.029)]  // men
    [InlineData(1.49, 9, 0.169)]  // women (seed prints .169 from the unrounded t)
    [InlineData(-1.61, 16, 0.127)] // CSI-4: the sign does not matter to a two-tailed p
    [InlineData(2.28, 16, 0.037)] // Argument
    public void Two_tailed_p_matches_seed_001_table_1(double t, int df, double published) =>
        Assert.Equal(published, Stats.TwoTailedP(t, df), 0.0015);

    [Fact]
    public void A_paired_test_worked_by_hand()
    {
        // d = 2, 1, 4, 1, 6: mean 2.8, sd √4.7 = 2.16795, t = 2.8 / (2.16795 / √5) = 2.88798, df 4, p = .0447
        var result = Stats.Paired([(10, 8), (12, 11), (14, 10), (16, 15), (18, 12)]);
        Assert.Equal(5, result.N);
        Assert.Equal(14, result.Before.Mean!.Value, 10);
        Assert.Equal(Math.Sqrt(10), result.Before.Sd!.Value, 10); // (16+4+0+4+16)/4
        Assert.Equal(2.8, result.Difference.Mean!.Value, 10);
        Assert.Equal(Math.Sqrt(4.7), result.Difference.Sd!.Value, 10);
        Assert.Equal(2.88798, result.T!.Value, 4);
        Assert.Equal(4, result.Df);
        Assert.Equal(0.04465, result.P!.Value, 0.00005);
        Assert.Equal("*", result.Stars);
        Assert.Equal("t(4)=2.89, p=.045", result.Format());
    }

    [Fact]
    public void Too_few_pairs_or_no_variation_is_stated_never_NaN()
    {
        var none = Stats.Paired([]);
        Assert.Equal((null, null, null), (none.T, none.P, none.Before.Mean));
        Assert.Equal("not computable: 0 pairs (at least 2 needed)", none.Format());
        Assert.Equal("not computable (no data)", none.Before.Format());

        var one = Stats.Paired([(12, 8)]);
        Assert.Null(one.T);
        Assert.Equal("not computable: 1 pair (at least 2 needed)", one.Format());
        Assert.Equal("12.00 (SD not computable, n=1)", one.Before.Format());

        var same = Stats.Paired([(12, 8), (10, 6), (20, 16)]);
        Assert.Null(same.T);
        Assert.Null(same.P);
        Assert.Equal(4, same.Difference.Mean);
        Assert.Equal("not computable: every pair changed by the same amount (no variation)", same.Format());
        Assert.Equal("", same.Stars);
    }

    [Theory]
    [InlineData(0.013, "p=.013")]
    [InlineData(0.0499, "p=.050")]
    [InlineData(0.2, "p=.200")]
    [InlineData(0.00099, "p<.001")]
    [InlineData(0.00004, "p<.001")]
    public void P_values_are_written_as_the_seeds_write_them(double p, string expected) =>
        Assert.Equal(expected, Stats.FormatP(p));

    [Fact]
    public void Median_percentiles_percentages_and_net_promoter_score()
    {
        Assert.Equal(3, Stats.Median([5, 1, 3]));
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
        Assert.Equal(9.1, Stats.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)!.Value, 10); // rank 8.1
        Assert.Null(Stats.Median([]));
        Assert.Null(Stats.Percent(3, 0));
        Assert.Equal(25, Stats.Percent(1, 4));
        // 3 promoters (9, 10, 9), 2 passives (7, 8), 2 detractors (6, 0) of 7: (3 − 2) / 7 = 14.3
        Assert.Equal(100.0 / 7, Stats.NetPromoterScore([9, 10, 9, 7, 8, 6, 0])!.Value, 10);
        Assert.Equal(-100, Stats.NetPromoterScore([0, 6]));
        Assert.Null(Stats.NetPromoterScore([]));
    }
}
