using RelationshipSupport.Application.Reporting.Documents;
using RelationshipSupport.Domain.Statistics;
using static RelationshipSupport.Application.Reporting.Styles.ReportText;

namespace RelationshipSupport.Application.Reporting.Styles;

/// <summary>The pieces both report styles share, so a figure is laid out the same way in each.</summary>
internal static class ReportSections
{
    public const string Creator = "RelationshipSupport";

    public static DocumentMetadata Metadata(ReportFigures f, ReportNarrative n, string kind) => new()
    {
        Title = $"{f.Header.ProgrammeName}: {kind}, {PeriodShort(f.Header.From, f.Header.To)}",
        Author = string.IsNullOrWhiteSpace(n.Authors)
            ? NullIfEmpty(n.Provider)
            : string.Join("; ", n.Authors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        Subject = $"{kind} of {f.Header.ProgrammeName} for {f.Header.Commissioner}, {Period(f.Header.From, f.Header.To)}",
        Keywords = string.Join("; ", new[] { "relationship support", f.Header.Commissioner }.Concat(f.Measures.Select(m => m.InstrumentCode)).Distinct()),
        Creator = Creator,
        Created = new DateTimeOffset(DateTime.SpecifyKind(f.Header.GeneratedAtUtc, DateTimeKind.Utc)),
    };

    /// <summary>The cover: programme, kind of report, commissioner, period and provider, dated the day it was made.</summary>
    public static CoverBlock Cover(ReportFigures f, ReportNarrative n, string kind, string period) =>
        new(f.Header.ProgrammeName, kind,
            [
                new CoverLine("Commissioned by", f.Header.Commissioner),
                new CoverLine("Period", period),
                new CoverLine("Provider", string.IsNullOrWhiteSpace(n.Provider) ? "–" : n.Provider),
            ],
            Date(DateOnly.FromDateTime(f.Header.GeneratedAtUtc))) { Kicker = f.Header.Commissioner, Organisation = NullIfEmpty(n.Provider) };

    /// <summary>The document around a style's blocks: metadata, running header and footer.</summary>
    public static ReportDocument Document(ReportFigures f, ReportNarrative n, string kind, List<Block> blocks) => new()
    {
        Metadata = Metadata(f, n, kind),
        HeaderText = $"{f.Header.ProgrammeName} · {kind} {PeriodShort(f.Header.From, f.Header.To)}",
        FooterText = string.IsNullOrWhiteSpace(n.Provider) ? f.Header.Commissioner : n.Provider,
        Blocks = blocks,
    };

    /// <summary>The programme's inclusion and exclusion criteria as two bulleted lists.</summary>
    public static IEnumerable<Block> Criteria(ReportFigures f)
    {
        if (f.InclusionCriteria.Count > 0)
        {
            yield return new ParagraphBlock("**Inclusion:**");
            yield return new BulletListBlock(f.InclusionCriteria);
        }
        if (f.ExclusionCriteria.Count > 0)
        {
            yield return new ParagraphBlock("**Exclusion:**");
            yield return new BulletListBlock(f.ExclusionCriteria);
        }
    }

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Measures with intake scores: the ones compared before and after (satisfaction and NPS are end-only).</summary>
    public static IEnumerable<MeasureFigures> PrePostMeasures(ReportFigures f) => f.Measures.Where(m => m.Intake.N > 0);

    /// <summary>"CORE-10 (total)" reads as "CORE-10"; a subscale keeps its own name.</summary>
    public static string MeasureName(MeasureFigures m) => m.Name;

    /// <summary>Intake and end means of one measure: everyone who answered, and the paired participants.</summary>
    public static ChartBlock IntakeEndChart(MeasureFigures m, string figureNumber)
    {
        var decimals = MeanDecimals(m);
        var chart = new ChartBlock(ChartKind.GroupedBar,
            [$"All who answered (n = {m.Intake.N} / {m.End.N})", $"Both intake and end (n = {m.Paired.N})"],
            [
                new ChartSeries("Intake", [m.Intake.Mean ?? double.NaN, m.Paired.Before.Mean ?? double.NaN]),
                new ChartSeries("End", [m.End.Mean ?? double.NaN, m.Paired.After.Mean ?? double.NaN]),
            ])
        {
            Title = m.Name,
            Caption = $"{figureNumber}: mean {m.Name} at intake and at the end of sessions",
            ValueAxisTitle = "Mean score",
            ValueFormat = decimals > 2 ? "0.00" : "0.0",
            ReferenceLine = m.ClinicalCutoff is { } cut ? new ReferenceLine(cut, $"Clinical cut-off ({Stats.Number(cut, cut % 1 == 0 ? 0 : 1)})") : null,
            Size = ChartSize.Small,
        };
        return chart;
    }

    /// <summary>The seed-000 sentences for one measure: intake mean (n), % clinical; end mean (n), %; the paired result.</summary>
    public static string OutcomeParagraph(MeasureFigures m)
    {
        var d = MeanDecimals(m);
        var parts = new List<string>();
        var clinical = m.ClinicalCutoff is null ? null : m.Direction.Contains("better", StringComparison.Ordinal) ? "below the clinical cut-off" : "at or above the clinical cut-off";
        parts.Add($"The average **{m.Name}** score at intake was {Number(m.Intake.Mean, d)} (n = {m.Intake.N})" +
            (clinical is not null && m.IntakePercentClinical is not null ? $", with {Percent(m.IntakePercentClinical)} {clinical} ({Stats.Number(m.ClinicalCutoff!.Value, 1).Replace(".0", "", StringComparison.Ordinal)})." : "."));
        if (m.End.N > 0)
        {
            parts.Add($"At the end of sessions the average was {Number(m.End.Mean, d)} (n = {m.End.N})" +
                (clinical is not null && m.EndPercentClinical is not null ? $" and {Percent(m.EndPercentClinical)} were {clinical}." : "."));
        }
        else
        {
            parts.Add("No end-of-sessions scores were recorded in the period.");
        }
        var p = m.Paired;
        parts.Add(p.T is null
            ? $"For those with both an intake and an end score (n = {p.N}) the change {(p.NotComputable is null ? "could not be tested" : "could not be tested: " + LowerFirst(p.NotComputable))}" + (p.N > 0 ? $"; their average went from {Number(p.Before.Mean, d)} to {Number(p.After.Mean, d)}." : ".")
            : $"For those with both an intake and an end score (n = {p.N}) the change was {Significance(p)}, {p.Format()}, and the average went from {Number(p.Before.Mean, d)} to {Number(p.After.Mean, d)}.");
        return string.Join(' ', parts);
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>Intake and end side by side for every measure (HEE style), with the paired test.</summary>
    public static TableBlock OutcomeSummaryTable(ReportFigures f, string caption) => new(
        [
            new TableColumn("Measure", Width: 2.2f),
            new TableColumn("Intake mean (n)", CellAlign.Right),
            new TableColumn("Clinical at intake", CellAlign.Right),
            new TableColumn("End mean (n)", CellAlign.Right),
            new TableColumn("Clinical at end", CellAlign.Right),
            new TableColumn("Paired: pre → post", CellAlign.Right, 1.3f),
            new TableColumn("Paired test", CellAlign.Right, 1.5f),
        ],
        PrePostMeasures(f).Select(m =>
        {
            var d = MeanDecimals(m);
            return new TableRow(
                m.Name,
                $"{Number(m.Intake.Mean, d)} ({m.Intake.N})",
                m.ClinicalCutoff is null ? "–" : Percent(m.IntakePercentClinical),
                m.End.N == 0 ? "–" : $"{Number(m.End.Mean, d)} ({m.End.N})",
                m.ClinicalCutoff is null || m.End.N == 0 ? "–" : Percent(m.EndPercentClinical),
                m.Paired.N == 0 ? "–" : $"{Number(m.Paired.Before.Mean, d)} → {Number(m.Paired.After.Mean, d)}",
                m.Paired.T is null ? $"n = {m.Paired.N}, not computable" : $"n = {m.Paired.N}, {m.Paired.Format()}{m.Paired.Stars}");
        }).ToList(),
        caption,
        "Clinical: at or above the measure's clinical cut-off (below it where higher scores are better). Paired: participants with both an intake and an end score. * p<.05, ** p<.01.");

    /// <summary>Quotes given with consent, each set apart.</summary>
    public static IEnumerable<Block> Quotes(IReadOnlyList<string> quotes, string attribution, string? none)
    {
        if (quotes.Count == 0)
        {
            if (none is not null)
            {
                yield return new ParagraphBlock(none, ParagraphStyle.Note);
            }
            yield break;
        }
        foreach (var quote in quotes)
        {
            yield return new QuoteBlock(quote, attribution);
        }
    }

    public static IEnumerable<Block> NetPromoter(NetPromoterFigures? nps)
    {
        if (nps is null || nps.N == 0)
        {
            yield break;
        }
        yield return new KeyFiguresBlock(
        [
            new KeyFigure(nps.Score is null ? "–" : (nps.Score.Value > 0 ? "+" : "") + Stats.Number(nps.Score.Value, 0), "Net Promoter Score", $"n = {nps.N}"),
            new KeyFigure(Percent(Stats.Percent(nps.Promoters, nps.N)), "promoters (9–10)", $"{nps.Promoters} of {nps.N}"),
            new KeyFigure(Percent(Stats.Percent(nps.Passives, nps.N)), "passives (7–8)", $"{nps.Passives} of {nps.N}"),
            new KeyFigure(Percent(Stats.Percent(nps.Detractors, nps.N)), "detractors (0–6)", $"{nps.Detractors} of {nps.N}"),
        ]);
        yield return new ParagraphBlock(
            "The Net Promoter Score is the percentage of clients who would be extremely likely to recommend the service (9 or 10 out of 10) " +
            "minus the percentage who would not (0 to 6); it runs from −100 to +100.", ParagraphStyle.Note);
    }

    /// <summary>Service satisfaction per statement as a stacked chart and a table (percentages of those who answered).</summary>
    public static IEnumerable<Block> Satisfaction(SatisfactionFigures? s, string figureNumber, string tableNumber)
    {
        if (s is null || s.Respondents == 0)
        {
            yield break;
        }
        var options = s.OptionLabels;
        yield return new ChartBlock(ChartKind.StackedHorizontalBar,
            s.Items.Select(i => $"{i.Number}. {Shorten(i.Text, 48)}").ToList(),
            options.Select((label, o) => new ChartSeries(label, s.Items.Select(i => i.Percents.Count > o ? i.Percents[o] : 0).ToList())).ToList())
        {
            Caption = $"{figureNumber}: service satisfaction, % of those who answered each statement (n = {s.Respondents})",
            ValueAxisTitle = "% of participants",
            ValueMin = 0,
            ValueMax = 100,
            ValueFormat = "0",
            Size = ChartSize.Large,
        };
        yield return new TableBlock(
            new[] { new TableColumn("Statement", Width: 4f), new TableColumn("n", CellAlign.Right, 0.5f) }
                .Concat(options.Select(o => new TableColumn(o, CellAlign.Right))).ToList(),
            s.Items.Select(i => new TableRow(new[] { $"{i.Number}. {i.Text}", i.Answered.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                .Concat(i.Percents.Select(p => Percent(p))).ToList())).ToList(),
            $"{tableNumber}: service satisfaction by statement",
            "Percentages of those who answered the statement.",
            TableStyle.Zebra);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    /// <summary>The closing note on method: who is counted and the end-score rule, so a reader can check the figures.</summary>
    public static IEnumerable<Block> Method(ReportFigures f)
    {
        yield return new HeadingBlock("How the figures were computed", 2);
        yield return new BulletListBlock(
        [
            $"Period: {Period(f.Header.From, f.Header.To)}. Figures computed from the case records on {Date(DateOnly.FromDateTime(f.Header.GeneratedAtUtc))}.",
            "Clients seen: people with at least one attended assessment or session in the period, active and closed cases.",
            "Outcomes count only participants who consented to their data being used in the evaluation; everyone is counted in the referral figures.",
            "Intake score: the questionnaire given at assessment, before the first therapy session. " + f.EndRule,
            "Means are shown with standard deviations (n − 1). Paired t-tests compare intake with end for participants with both; p-values are two-tailed, from Student's t distribution.",
            "Reliable improvement: a change at least the measure's reliable change threshold. Reliable and clinically significant: from the clinical range to outside it, with a reliable change.",
            "Percentages are of those who answered the question.",
        ]) ;
    }

    /// <summary>The figures' flow as the flowchart block: exit steps hang off the step before them.</summary>
    public static FlowchartBlock Flowchart(IReadOnlyList<Reporting.FlowStep> flow, string caption)
    {
        var steps = new List<Documents.FlowStep>();
        foreach (var step in flow)
        {
            var label = $"{step.Label} ({step.Unit})";
            if (step.Exit && steps.Count > 0)
            {
                steps[^1] = steps[^1] with { Exit = new FlowExit(label, step.Count) };
            }
            else
            {
                steps.Add(new Documents.FlowStep(label, step.Count));
            }
        }
        return new FlowchartBlock(steps) { Caption = caption };
    }
}
