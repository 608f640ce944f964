using RelationshipSupport.Application.Reporting.Documents;
using static RelationshipSupport.Application.Reporting.Styles.ReportText;

namespace RelationshipSupport.Application.Reporting.Styles;

/// <summary>
/// The HEE-style service report (shared/seeds/000; design/reports.md): cover, introduction and aims, service model
/// with the headline figure, key features with figures, feedback and Net Promoter Score, outcomes per measure with a
/// chart, closing text.
/// </summary>
public static class HeeReport
{
    public const string Kind = "Service report";

    public static ReportDocument Build(ReportFigures f, ReportNarrative n)
    {
        var h = f.Header;
        var generated = DateOnly.FromDateTime(h.GeneratedAtUtc);
        var blocks = new List<Block>
        {
            ReportSections.Cover(f, n, Kind, Period(h.From, h.To)),
            new ContentsBlock(),

            new HeadingBlock("Introduction") { NewPage = true },
        };
        blocks.AddRange(Narrative(n.Introduction,
            $"{h.Commissioner} commissioned {(string.IsNullOrWhiteSpace(n.Provider) ? "the service" : n.Provider)} to deliver {h.ProgrammeName} for the period {Period(h.From, h.To)}."));

        blocks.Add(new HeadingBlock("Service model"));
        blocks.AddRange(Narrative(n.ServiceModel));
        var seen = f.Headline;
        blocks.Add(new KeyFiguresBlock(
        [
            new KeyFigure(Count(seen.ClientsSeen), "clients seen", "includes active and closed"),
            new KeyFigure(Count(seen.SeenAsIndividuals), "individuals"),
            new KeyFigure(Count(seen.SeenAsPartOfCouple), "clients in couples", Count(seen.CouplesSeen, "couple", "couples")),
        ]));
        blocks.Add(new ParagraphBlock(
            $"Total clients seen {Period(h.From, h.To)} (an attended assessment or session), as at {Date(generated)}; includes active and closed cases.",
            ParagraphStyle.Note));

        blocks.AddRange(KeyFeatures(f));

        blocks.Add(new HeadingBlock("Feedback") { NewPage = true });
        blocks.Add(new HeadingBlock("Net Promoter Score", 2));
        var nps = ReportSections.NetPromoter(f.NetPromoter).ToList();
        blocks.AddRange(nps.Count > 0 ? nps : [new ParagraphBlock("No Net Promoter answers were recorded in the period.", ParagraphStyle.Note)]);
        blocks.Add(new HeadingBlock("Clients' words", 2));
        blocks.Add(new ParagraphBlock("Comments from end-of-service questionnaires, quoted with the client's permission."));
        blocks.AddRange(ReportSections.Quotes(f.Quotes, "End-of-service questionnaire", "No client gave permission to quote their comments in the period."));

        blocks.Add(new HeadingBlock("Outcomes") { NewPage = true });
        var measures = ReportSections.PrePostMeasures(f).ToList();
        if (measures.Count == 0)
        {
            blocks.Add(new ParagraphBlock("No intake questionnaires with consent to evaluation were recorded in the period, so there are no outcome figures."));
        }
        var figure = 1;
        foreach (var m in measures)
        {
            blocks.Add(new HeadingBlock(m.Name, 2));
            blocks.Add(new ParagraphBlock(ReportSections.OutcomeParagraph(m)) { Justify = true });
            if (m.End.N > 0 || m.Paired.N > 0)
            {
                blocks.Add(ReportSections.IntakeEndChart(m, $"Figure {figure++}"));
            }
        }
        if (measures.Count > 0)
        {
            blocks.Add(ReportSections.OutcomeSummaryTable(f, "Table 3: outcome measures at intake and at the end of sessions"));
        }

        blocks.Add(new HeadingBlock("Closing remarks") { NewPage = measures.Count > 1 });
        blocks.AddRange(Narrative(n.Conclusions, "No closing remarks were written for this report."));
        blocks.AddRange(ReportSections.Method(f));

        return ReportSections.Document(f, n, Kind, blocks);
    }

    private static IEnumerable<Block> KeyFeatures(ReportFigures f)
    {
        yield return new HeadingBlock("Key features of this service");
        yield return new HeadingBlock("Referrals", 2);
        yield return new ParagraphBlock($"{Count(f.ReferralsTotal, "referral was", "referrals were")} received in the period.");
        if (f.ReferralsTotal > 0)
        {
            yield return new TableBlock(
                [new TableColumn("Route", Width: 3f), new TableColumn("Referrals", CellAlign.Right), new TableColumn("%", CellAlign.Right)],
                f.ReferralsByRoute.Select(r => new TableRow(r.Label, Count(r.Count), Percent(r.Percent)))
                    .Append(new TableRow(["Total", Count(f.ReferralsTotal), "100%"], TableRowStyle.Strong)).ToList(),
                "Table 1: referrals by route");
        }

        yield return new HeadingBlock("Waiting times", 2);
        var w = f.Waiting;
        yield return new TableBlock(
            [new TableColumn("From referral to", Width: 2.5f), new TableColumn("People", CellAlign.Right), new TableColumn("Median (days)", CellAlign.Right), new TableColumn("90th percentile (days)", CellAlign.Right)],
            [
                new TableRow("First assessment", Count(w.ToAssessment.N), Number(w.ToAssessment.Median, 0), Number(w.ToAssessment.Percentile90, 0)),
                new TableRow("First attended session", Count(w.ToFirstSession.N), Number(w.ToFirstSession.Median, 0), Number(w.ToFirstSession.Percentile90, 0)),
            ],
            "Table 2: waiting times for referrals received in the period",
            "Calendar days. The 90th percentile is the wait that nine in ten people were seen within.");

        yield return new HeadingBlock("Sessions", 2);
        var s = f.Sessions;
        yield return new KeyFiguresBlock(
        [
            new KeyFigure(Count(s.Offered), "sessions offered"),
            new KeyFigure(Count(s.Attended), "attended"),
            new KeyFigure(Percent(s.DidNotAttendRate), "did not attend", $"{Count(s.DidNotAttend)} sessions"),
            new KeyFigure(Number(s.SessionsPerCompletedCase.Mean, 1), "sessions per completed case", $"{Count(s.CompletedCases, "case", "cases")} completed"),
        ]);
        yield return new ParagraphBlock(
            $"Sessions of up to an hour; the programme offers {f.Header.TargetSessions} to {f.Header.MaxSessions} sessions. " +
            $"Did-not-attend rate: sessions missed without notice as a share of those attended or missed. {Count(s.CancelledByClient)} sessions were cancelled by clients and {Count(s.CancelledByService)} by the service.",
            ParagraphStyle.Note);

        if (f.InclusionCriteria.Count > 0 || f.ExclusionCriteria.Count > 0)
        {
            yield return new HeadingBlock("Inclusion and exclusion criteria", 2);
            foreach (var block in ReportSections.Criteria(f))
            {
                yield return block;
            }
        }
    }
}
