using RelationshipSupport.Application.Reporting.Documents;
using RelationshipSupport.Domain.Statistics;
using static RelationshipSupport.Application.Reporting.Styles.ReportText;

namespace RelationshipSupport.Application.Reporting.Styles;

/// <summary>
/// The DWP-style clinical evaluation report (shared/seeds/001; design/reports.md): cover, contents, authors,
/// executive summary, introduction with the criteria, clinicians and consent, the quantitative evaluation with the
/// referral flowchart, demographics, the measures, Table 1 and reliable change, satisfaction, feedback, conclusion.
/// </summary>
public static class DwpReport
{
    public const string Kind = "Clinical evaluation report";

    public static ReportDocument Build(ReportFigures f, ReportNarrative n)
    {
        var h = f.Header;
        var blocks = new List<Block>
        {
            ReportSections.Cover(f, n, Kind, PeriodShort(h.From, h.To)),
            new ContentsBlock(),
        };
        var authors = n.Authors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (authors.Length > 0)
        {
            blocks.Add(new SpacerBlock(18));
            blocks.Add(new ParagraphBlock("**Authors**"));
            blocks.AddRange(authors.Select(a => new ParagraphBlock(a)));
        }

        blocks.Add(new HeadingBlock("Executive summary") { NewPage = true });
        blocks.Add(new ParagraphBlock(ExecutiveSummary(f), ParagraphStyle.Lead));
        blocks.Add(SummaryFigures(f));
        blocks.AddRange(Narrative(n.Summary));

        blocks.Add(new HeadingBlock("1. Introduction"));
        blocks.Add(new HeadingBlock("1.1 Introduction to the project", 2));
        blocks.AddRange(Narrative(n.Introduction, $"{h.ProgrammeName}, commissioned by {h.Commissioner}, {Period(h.From, h.To)}."));
        blocks.Add(new HeadingBlock("1.2 The therapy", 2));
        blocks.AddRange(Narrative(n.ServiceModel,
            $"Parents were offered individual and joint assessments and then {h.TargetSessions} to {h.MaxSessions} sessions of up to an hour."));
        blocks.Add(new HeadingBlock("1.3 The clinicians", 2));
        blocks.AddRange(Clinicians(f));
        blocks.Add(new HeadingBlock("1.4 Data protection and consent", 2));
        blocks.Add(new ParagraphBlock(
            "Parents were free to choose whether to take part, and were asked separately for consent to their outcome information being used " +
            "in this evaluation. Personal information was held on the service's case management system under its data protection policies; " +
            $"this report contains no names or contact details. {ConsentSentence(f)}") { Justify = true });
        blocks.Add(new HeadingBlock("1.5 Assessment and selection for the project", 2));
        blocks.AddRange(Criteria(f));

        blocks.Add(new HeadingBlock("2. Quantitative evaluation") { NewPage = true });
        blocks.Add(new HeadingBlock("2.1 Referrals and participation", 2));
        blocks.Add(new ParagraphBlock(FlowParagraph(f)) { Justify = true });
        blocks.Add(ReportSections.Flowchart(f.Flow, "Figure 1: programme quantitative data flowchart"));
        blocks.Add(new ParagraphBlock(SessionsParagraph(f)) { Justify = true });

        blocks.Add(new HeadingBlock("2.2 Demographic information at intake", 2) );
        blocks.AddRange(DemographicBlocks(f.Demographics));

        blocks.Add(new HeadingBlock("2.3 Psychometric and satisfaction measures used", 2) { NewPage = true });
        foreach (var m in f.MeasuresUsed)
        {
            blocks.Add(new HeadingBlock(m.Name, 3));
            var lines = new[] { m.Source, m.Range, m.Direction, m.Cutoff }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.TrimEnd('.') + ".");
            blocks.Add(new ParagraphBlock(string.Join(' ', lines)) { Justify = true });
        }

        blocks.Add(new HeadingBlock("2.4 Quantitative outcomes", 2) { NewPage = true });
        blocks.AddRange(Outcomes(f));

        blocks.Add(new HeadingBlock("3. Feedback") { NewPage = true });
        blocks.Add(new ParagraphBlock("Comments recorded at the end of the service, quoted with the person's permission."));
        blocks.AddRange(ReportSections.Quotes(f.Quotes, "Parent, end-of-service questionnaire", "No participant gave permission to quote their comments in the period."));

        blocks.Add(new HeadingBlock("4. Conclusion") { NewPage = true });
        blocks.AddRange(Narrative(n.Conclusions, "No conclusion was written for this report."));
        blocks.AddRange(ReportSections.Method(f));

        return ReportSections.Document(f, n, Kind, blocks);
    }

    private static FlowStep? Step(ReportFigures f, string startsWith) =>
        f.Flow.FirstOrDefault(s => s.Label.StartsWith(startsWith, StringComparison.OrdinalIgnoreCase));

    private static int StepCount(ReportFigures f, string startsWith) => Step(f, startsWith)?.Count ?? 0;

    /// <summary>The generated opening: who was accepted, how many had complete measures, what changed.</summary>
    public static string ExecutiveSummary(ReportFigures f)
    {
        var offered = Step(f, "Offered");
        var sentences = new List<string>
        {
            $"Between {Date(f.Header.From)} and {Date(f.Header.To)}, {Count(f.ReferralsTotal, "referral was", "referrals were")} received and " +
            $"{Count(offered?.Count ?? 0, offered?.Unit.TrimEnd('s') ?? "referral", offered?.Unit ?? "referrals")} {(offered?.Count == 1 ? "was" : "were")} accepted into the programme for assessment and up to {f.Header.MaxSessions} sessions.",
            $"{Count(f.Headline.ClientsSeen, "person was", "people were")} seen in the period.",
        };
        var measures = ReportSections.PrePostMeasures(f).ToList();
        var pairs = measures.Count == 0 ? 0 : measures.Max(m => m.Paired.N);
        sentences.Add(pairs == 0
            ? "No participant had complete pre- and post-therapy measures with consent, so no change could be tested."
            : $"Complete pre- and post-therapy measures with consent to their use were obtained from {Count(pairs, "participant", "participants")}.");
        var improved = measures.Where(m => m.Paired.Significant).Select(m => m.Name).ToList();
        var notChanged = measures.Where(m => m.Paired.T is not null && !m.Paired.Significant).Select(m => m.Name).ToList();
        var untested = measures.Where(m => m.Paired.T is null && m.Paired.N > 0).Select(m => m.Name).ToList();
        if (improved.Count > 0)
        {
            sentences.Add($"They showed statistically significant change on {Join(improved)}.");
        }
        if (notChanged.Count > 0)
        {
            sentences.Add($"There was no statistically significant change on {Join(notChanged)}.");
        }
        if (untested.Count > 0)
        {
            sentences.Add($"Change on {Join(untested)} could not be tested (too few complete pairs or no variation).");
        }
        return string.Join(' ', sentences);
    }

    /// <summary>The summary's tiles: referred, accepted, seen, and the pairs the outcomes rest on.</summary>
    private static KeyFiguresBlock SummaryFigures(ReportFigures f)
    {
        var referred = Step(f, "Referred");
        var pairs = ReportSections.PrePostMeasures(f).Select(m => m.Paired.N).DefaultIfEmpty(0).Max();
        return new KeyFiguresBlock(
        [
            new KeyFigure(Count(referred?.Count ?? 0), $"{referred?.Unit ?? "referrals"} referred"),
            new KeyFigure(Count(StepCount(f, "Offered")), "offered the programme"),
            new KeyFigure(Count(f.Headline.ClientsSeen), "people seen", "at an assessment or session"),
            new KeyFigure(Count(pairs), "with pre and post measures", "and consent to their use"),
        ]);
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static IEnumerable<Block> Clinicians(ReportFigures f)
    {
        var total = f.CliniciansByOrganisation.Sum(c => c.Count);
        if (total == 0)
        {
            yield return new ParagraphBlock("No sessions were held in the period.");
            yield break;
        }
        yield return new ParagraphBlock(
            $"{Count(total, "clinician", "clinicians")} held sessions in the period: " +
            string.Join(", ", f.CliniciansByOrganisation.Select(c => $"{c.Count} from {c.Label}")) + ". All had training and supervision in the programme's model.");
    }

    private static string ConsentSentence(ReportFigures f)
    {
        var refused = StepCount(f, "Refused consent");
        var post = StepCount(f, "Post-therapy");
        return post == 0
            ? "This report's outcome figures are based only on those who gave consent."
            : $"Of the {Count(post, "parent", "parents")} who completed a post-therapy questionnaire, {Count(refused)} did not consent to its use; this report's outcome figures are based only on those who did.";
    }

    private static IEnumerable<Block> Criteria(ReportFigures f)
    {
        yield return new ParagraphBlock("Referrals were reviewed against the programme's inclusion and exclusion criteria before a place was offered. The criteria were:");
        foreach (var block in ReportSections.Criteria(f))
        {
            yield return block;
        }
    }

    private static string FlowParagraph(ReportFigures f)
    {
        var referred = Step(f, "Referred");
        var unit = referred?.Unit ?? "referrals";
        return $"{Count(referred?.Count ?? 0)} {unit} were referred into the programme (see the flow diagram below). " +
            $"{Count(StepCount(f, "Not suitable"))} were not suitable as they met the exclusion criteria and {Count(StepCount(f, "Offered"))} were offered the intervention. " +
            $"{Count(StepCount(f, "Had at least") + StepCount(f, "Assessed"))} had at least an individual assessment and {Count(StepCount(f, "Entered"))} entered the intervention. " +
            $"{Count(StepCount(f, "Usable intake"), "participant", "participants")} gave a usable intake questionnaire and {Count(StepCount(f, "Post-therapy"))} a post-therapy questionnaire; " +
            $"{Count(StepCount(f, "Refused consent"))} of these refused consent for their data to be analysed, leaving {Count(StepCount(f, "Pre and post"))} with pre- and post-therapy questionnaires and consent.";
    }

    private static string SessionsParagraph(ReportFigures f)
    {
        var s = f.Sessions;
        if (s.SessionsOfCompleters.N == 0)
        {
            return "No participant with both intake and end questionnaires completed the programme in the period.";
        }
        return $"The number of therapy sessions attended by the {Count(s.SessionsOfCompleters.N, "participant", "participants")} who completed pre- and post-therapy questionnaires " +
            $"ranged from {s.FewestSessionsOfCompleters} to {s.MostSessionsOfCompleters}, with an average of {Number(s.SessionsOfCompleters.Mean, 2)}" +
            (s.SessionsOfCompleters.Sd is { } sd ? $" (SD={Stats.Number(sd, 2)})" : "") +
            $"; {Count(s.CompletersWithTargetSessions)} had the programme's target number of {f.Header.TargetSessions}–{f.Header.MaxSessions} sessions.";
    }

    private static IEnumerable<Block> DemographicBlocks(Demographics d)
    {
        if (d.People == 0)
        {
            yield return new ParagraphBlock("No participants were seen in the period.");
            yield break;
        }
        var age = d.Age;
        yield return new ParagraphBlock(
            $"Among the {Count(d.People, "participant", "participants")} seen, " +
            string.Join(" and ", d.Gender.Rows.Take(2).Select(g => $"{Count(g.Count)} were {g.Label.ToLowerInvariant()} ({Percent(g.Percent)})")) + ". " +
            (age.N == 0 ? "No participant gave their age." :
                $"{Count(age.N, "participant", "participants")} provided their age, which ranged from {age.Youngest} to {age.Oldest} years with a mean of {Number(age.Mean, 1)}" +
                (age.Sd is { } sd ? $" (SD={Stats.Number(sd, 2)})." : ".")) +
            " Percentages are of those who answered each question.") { Justify = true };

        var rows = new List<TableRow>();
        void Add(string title, Breakdown b)
        {
            rows.Add(new TableRow([$"{title} (answered: {b.Answered}, not recorded: {b.NotRecorded})", "", ""], TableRowStyle.Group));
            rows.AddRange(b.Rows.Select(r => new TableRow(r.Label, Count(r.Count), Percent(r.Percent))));
        }
        Add("Gender", d.Gender);
        rows.Add(new TableRow([$"Age (answered: {age.N})", "", ""], TableRowStyle.Group));
        rows.Add(new TableRow("Range (years)", age.N == 0 ? "–" : $"{age.Youngest}–{age.Oldest}", ""));
        rows.Add(new TableRow("Mean (SD)", age.N == 0 ? "–" : $"{Number(age.Mean, 1)} ({Number(age.Sd, 2)})", ""));
        Add("Marital status", d.MaritalStatus);
        Add("Relationship length", d.RelationshipLength);
        Add("Highest qualification", d.Qualification);
        Add("Employment", d.Employment);
        yield return new TableBlock(
            [new TableColumn("Characteristic", Width: 3f), new TableColumn("n", CellAlign.Right), new TableColumn("%", CellAlign.Right)],
            rows, "Demographic information at intake", "Percentages are of those who answered the question.");

        var ethnicity = new List<TableRow>();
        foreach (var group in d.Ethnicity.Rows.GroupBy(r => r.Group ?? "Other"))
        {
            var count = group.Sum(r => r.Count);
            ethnicity.Add(new TableRow([$"{group.Key}: {Count(count)} ({Percent(Stats.Percent(count, d.Ethnicity.Answered))})", "", ""], TableRowStyle.Group));
            ethnicity.AddRange(group.Select(r => new TableRow(r.Label, Count(r.Count), Percent(r.Percent))));
        }
        if (ethnicity.Count > 0)
        {
            yield return new TableBlock(
                [new TableColumn("Ethnic category (NHS)", Width: 3f), new TableColumn("n", CellAlign.Right), new TableColumn("%", CellAlign.Right)],
                ethnicity, "Ethnicity at intake",
                $"{Count(d.Ethnicity.Answered, "participant", "participants")} gave their ethnicity; {Count(d.Ethnicity.NotRecorded)} not recorded.");
        }
    }

    private static IEnumerable<Block> Outcomes(ReportFigures f)
    {
        var measures = ReportSections.PrePostMeasures(f).ToList();
        if (measures.Count == 0)
        {
            yield return new ParagraphBlock("No intake questionnaires with consent to evaluation were recorded in the period, so there are no outcome figures.");
            yield break;
        }
        var intakeN = measures.Max(m => m.Intake.N);
        var endN = measures.Max(m => m.End.N);
        yield return new ParagraphBlock($"The following analysis is based on {Count(intakeN, "participant", "participants")} pre-therapy and {Count(endN, "participant", "participants")} post-therapy who gave consent for their data to be used.");
        foreach (var m in measures)
        {
            var clinical = m.ClinicalCutoff is null ? "" : m.Direction.Contains("better", StringComparison.Ordinal)
                ? $" and {Percent(m.IntakePercentClinical)} were below the cut-off of {Stats.Number(m.ClinicalCutoff.Value, 1)}"
                : $" and {Percent(m.IntakePercentClinical)} were at or above the clinical cut-off of {Stats.Number(m.ClinicalCutoff.Value, 0)}";
            yield return new ParagraphBlock(
                $"**{m.Name}.** The average score at intake was {Number(m.Intake.Mean, MeanDecimals(m))}" +
                (m.Intake.Sd is { } sd ? $" (SD={Stats.Number(sd, 2)})" : "") + $" (n = {m.Intake.N}){clinical}. " +
                (m.Paired.T is null ? $"The change from intake to end was {m.Paired.NotComputable ?? "not computable"}." : $"The change from intake to end was {Significance(m.Paired)}, {m.Paired.Format()}."))
            { Justify = true };
        }

        yield return Table1(measures);

        var primary = measures.FirstOrDefault(m => m.ClinicalCutoff is not null && m.ReliableChangeIndex is not null);
        if (primary is not null)
        {
            var c = primary.Change;
            yield return new HeadingBlock("Reliable and clinically significant change", 3);
            yield return new ParagraphBlock(c.ClinicalAtIntake == 0
                ? $"No participant with {primary.Name} scores before and after therapy was in the clinical range at intake."
                : $"Among {Count(c.ClinicalAtIntake, "participant", "participants")} who provided {primary.Name} data before and after the therapy and were in the clinical range at intake, " +
                  $"{Count(c.ReliableAndClinicallySignificant)} ({Percent(c.PercentReliableAndClinicallySignificantOfClinical)}) had reliable and clinically significant improvement: " +
                  $"their score moved out of the clinical range (cut-off {Stats.Number(primary.ClinicalCutoff!.Value, 0)}) and changed by at least {Stats.Number(primary.ReliableChangeIndex!.Value, 0)} points." +
                  (c.ReliableAndClinicallySignificant > 0 && c.FewestSessionsOfImproved is not null
                      ? $" They had between {c.FewestSessionsOfImproved} and {c.MostSessionsOfImproved} sessions, an average of {Number(c.SessionsOfImproved.Mean, 1)}" + (c.SessionsOfImproved.Sd is { } s ? $" (SD={Stats.Number(s, 2)})." : ".")
                      : "") +
                  $" Across all {Count(c.Pairs)} pairs, {Count(c.ReliableImprovement)} improved reliably and {Count(c.ReliableDeterioration)} deteriorated reliably.")
            { Justify = true };
        }

        var charted = measures.Where(m => m.Paired.N > 0).ToList();
        var figure = 2;
        foreach (var m in charted)
        {
            yield return ReportSections.IntakeEndChart(m, $"Figure {figure++}");
        }

        if (f.Satisfaction is { Respondents: > 0 } satisfaction)
        {
            yield return new HeadingBlock("Service satisfaction", 3);
            var allPositive = satisfaction.Items.Count(i => i.Percents.Count > 0 && i.Percents[0] >= 60);
            yield return new ParagraphBlock(
                $"Service satisfaction was collected from n = {satisfaction.Respondents} participants. For {allPositive} of the {satisfaction.Items.Count} statements, " +
                $"60% or more of those who answered said it was “{satisfaction.OptionLabels[0].ToLowerInvariant()}”.");
            foreach (var block in ReportSections.Satisfaction(satisfaction, $"Figure {figure}", "Table 2"))
            {
                yield return block;
            }
        }
        if (f.NetPromoter is { N: > 0 })
        {
            yield return new HeadingBlock("Net Promoter Score", 3);
            foreach (var block in ReportSections.NetPromoter(f.NetPromoter))
            {
                yield return block;
            }
        }
    }

    /// <summary>Table 1 as in seed 001: the primary measure overall, for the clinically distressed at intake, for men and
    /// for women; then every other measure.</summary>
    private static TableBlock Table1(List<MeasureFigures> measures)
    {
        var rows = new List<TableRow>();
        var reasons = new List<string>();
        void Row(string label, PairedTTest t, int decimals)
        {
            if (t.T is null && t.NotComputable is { } reason && !reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
            rows.Add(new TableRow(
                $"{label} (n={t.N})",
                MeanSd(t.Before, decimals),
                MeanSd(t.After, decimals),
                MeanSd(t.Difference, decimals),
                t.T is null ? "–" : Stats.Number(t.T.Value, 2) + t.Stars,
                t.P is null ? "–" : Stats.FormatP(t.P.Value).Replace("p=", "", StringComparison.Ordinal).Replace("p<", "<", StringComparison.Ordinal)));
        }
        var primary = measures.FirstOrDefault(m => m.ClinicalCutoff is not null);
        foreach (var m in measures)
        {
            var d = MeanDecimals(m);
            Row(m.Name, m.Paired, d);
            if (m == primary)
            {
                Row($"{m.Name} for clinically distressed at intake", m.PairedClinicalAtIntake, d);
                Row($"{m.Name} for men", m.PairedMen, d);
                Row($"{m.Name} for women", m.PairedWomen, d);
            }
        }
        var footnote = "* p<.05, ** p<.01: statistically significant difference. Difference = pre − post (positive: the score fell).";
        if (reasons.Count > 0)
        {
            footnote += " –: " + string.Join("; ", reasons.Select(r => r.TrimEnd('.'))) + ".";
        }
        return new TableBlock(
            [
                new TableColumn("Measure", Width: 2.4f),
                new TableColumn("Pre-therapy mean (SD)", CellAlign.Right, 1.2f),
                new TableColumn("Post-therapy mean (SD)", CellAlign.Right, 1.2f),
                new TableColumn("Difference mean (SD)", CellAlign.Right, 1.2f),
                new TableColumn("t", CellAlign.Right, 0.7f),
                new TableColumn("p", CellAlign.Right, 0.8f),
            ],
            rows, "Table 1: summary of scores pre- and post-therapy, standard deviations in parentheses", footnote);
    }
}
