using RelationshipSupport.Application.Reporting.Documents;

namespace RelationshipSupport.Tests.Reporting;

/// <summary>
/// A report that uses every block type, shaped like the two commissioners' reports in shared/seeds (the DWP-style
/// clinical evaluation with its flowchart and Table 1, the HEE-style service report with its headline figures and
/// quotes). The figures are illustrative (Table 1 is seed 001's); the layout is what is under test. Reusable: render it
/// with <c>new SkiaPdfRenderer().Render(SampleDocument.Build(), stream)</c>.
/// </summary>
public static class SampleDocument
{
    public const string Title = "Parenting Under Pressure: clinical evaluation report";
    public const string Author = "Relationship Support Service, evaluation team";
    public const string ParagraphSentence = "Complete pre- and post-therapy measures were obtained from 17 participants";
    public const string ChartAxisTitle = "Mean CORE-10 score";
    public const string LongTableHeader = "Ethnic group (NHS categories)";
    public const string LongTableCaption = "Table 2: Ethnicity of participants at intake";

    public static ReportDocument Build(int demographicRows = 46) => new()
    {
        Metadata = new DocumentMetadata
        {
            Title = Title,
            Author = Author,
            Subject = "Evaluation of the Parenting Under Pressure programme, April 2025 to March 2026",
            Keywords = "relationship support; parental conflict; CORE-10; CSI-4; evaluation",
            Creator = "RelationshipSupport",
            Created = new DateTimeOffset(2026, 4, 30, 9, 0, 0, TimeSpan.Zero),
        },
        HeaderText = "Parenting Under Pressure · Clinical evaluation report 2025–26",
        FooterText = "Relationship Support Service · Official – sensitive when printed",
        Blocks = Blocks(demographicRows),
    };

    private static List<Block> Blocks(int demographicRows)
    {
        var blocks = new List<Block>
        {
            new CoverBlock(
                "Parenting Under Pressure",
                "Clinical evaluation report",
                [
                    new CoverLine("Commissioned by", "Department for Work and Pensions, Reducing Parental Conflict programme"),
                    new CoverLine("In partnership with", "London Borough of Harrow, Children's Services"),
                    new CoverLine("Period", "1 April 2025 – 31 March 2026"),
                    new CoverLine("Provider", "Relationship Support Service"),
                ],
                "30 April 2026") { Kicker = "Reducing Parental Conflict", Organisation = "Relationship Support Service" },

            new ContentsBlock(),

            new HeadingBlock("Executive summary", 1) { NewPage = true },
            new ParagraphBlock(
                "This was a 12-month project commissioned by the Department for Work and Pensions as part of a programme " +
                "to discover what works to reduce parental conflict and so improve outcomes for children.", ParagraphStyle.Lead),
            new KeyFiguresBlock(
            [
                new KeyFigure("57", "couples referred", "April 2025 – March 2026"),
                new KeyFigure("80", "parents accepted", "40 couples"),
                new KeyFigure("17", "complete pre and post measures", "with consent to analysis"),
                new KeyFigure("56%", "reliable and clinically significant improvement", "CORE-10, of those distressed at intake"),
            ]),
            new ParagraphBlock(
                "Forty parental couples (80 participants) were accepted into the programme for individual and joint " +
                "assessments for suitability and up to ten sessions of **Mentalization-based therapy**. " + ParagraphSentence +
                " and they showed *statistically significant* improvements on self-report measures of personal well-being, " +
                "risk and functioning, as well as a reduction in arguments. There was no statistical change in relationship " +
                "quality.") { Justify = true },
            new ParagraphBlock(
                "Interviews with parents, referrers, therapists and managers showed that the intervention was welcomed and " +
                "felt to help parents and their children. Learning from the project indicates that partnership projects need:"),
            new BulletListBlock(
            [
                "Scoping of need and identification of the target client group and referral pathways before the project starts",
                "Time to source appropriate referrals that meet the criteria for the project",
                "Clear champions within the borough who are the face of the project to local staff and a consistent source of liaison between the two organisations",
            ], ListMarker.Letter),

            new HeadingBlock("1. Introduction to the project", 1) { NewPage = true },
            new ParagraphBlock(
                "The project was funded by the Department for Work and Pensions' Challenge Fund, whose key objective is to " +
                "build a broader evidence base of what works in reducing parental conflict. The evidence is due to inform " +
                "future policy and practice and help local areas support a greater number of disadvantaged families at risk " +
                "of parental conflict."),
            new HeadingBlock("1.1 Inclusion and exclusion criteria", 2),
            new ParagraphBlock("Couples were eligible when they were:"),
            new BulletListBlock(
            [
                "Parents of at least one child under 18 living in the borough",
                "In conflict that affects the children, whether living together or apart",
                "From a Black or Minority Ethnic group (this criterion was widened at the borough's request)",
            ]),
            new ParagraphBlock("Couples were not offered the intervention when there was:"),
            new BulletListBlock(
            [
                "Current domestic violence or a history of coercive control",
                "Severe mental health problems",
                "Current unmanaged drug or alcohol misuse",
            ]),
            new HeadingBlock("1.2 Data protection and consent", 2),
            new ParagraphBlock(
                "Every participant was asked for consent to the use of their questionnaire data in this evaluation. " +
                "Participants who declined are counted in the referral flow, never in a mean.", ParagraphStyle.Note),

            new HeadingBlock("2. Quantitative evaluation", 1) { NewPage = true },
            new ParagraphBlock(
                "Seventy-one couples were referred into the programme (see the flowchart below). Thirty-one couples were not " +
                "suitable as they met the exclusion criteria. Forty couples were offered the intervention but not all accepted."),
            new FlowchartBlock(
            [
                new FlowStep("Referred (couples)", 71, new FlowExit("Not suitable (met exclusion criteria)", 31)),
                new FlowStep("Offered the intervention (couples)", 40, new FlowExit("Declined before assessment (parents)", 29)),
                new FlowStep("Had at least one individual assessment (parents)", 51, new FlowExit("Excluded for risk or chose not to begin", 5)),
                new FlowStep("Entered the intervention (parents)", 46, new FlowExit("No usable intake questionnaire", 2)),
                new FlowStep("Usable intake questionnaire", 44, new FlowExit("No post-therapy questionnaire", 23)),
                new FlowStep("Post-therapy questionnaire", 21, new FlowExit("Refused consent for analysis", 4)),
                new FlowStep("Pre and post with consent", 17),
            ])
            {
                Title = "Programme quantitative data flowchart",
                Caption = "Figure 1: Referrals, assessments and questionnaires, April 2025 – March 2026.",
            },

            new HeadingBlock("2.1 Demographic information at intake", 2),
            new ParagraphBlock(
                "Among all participants there were 24 women (52%) and 22 men (48%). Twenty-five participants gave their age, " +
                "which ranged from 20 to 55 years with a mean of 39.8 (SD 7.98)."),
            DemographicsTable(demographicRows),

            new HeadingBlock("2.2 Quantitative outcomes", 2),
            new ParagraphBlock(
                "The average CORE-10 score at intake was 14.21 (SD 7.21) and 63% of the participants were above the clinical " +
                "cut-off. **Table 1** shows the significant improvement in psychological distress after the therapy, " +
                "t(16)=2.80, p=.013."),
            new TableBlock(
                [
                    new TableColumn("Measure", CellAlign.Left, 3f),
                    new TableColumn("Pre-therapy mean (SD)", CellAlign.Right, 1.5f),
                    new TableColumn("Post-therapy mean (SD)", CellAlign.Right, 1.5f),
                    new TableColumn("Difference mean (SD)", CellAlign.Right, 1.5f),
                    new TableColumn("t", CellAlign.Right, 0.95f),
                    new TableColumn("p", CellAlign.Right, 0.7f),
                ],
                [
                    new TableRow("CORE-10 (n=17)", "14.18 (7.55)", "9.82 (6.46)", "4.35 (6.41)", "2.80*", ".013"),
                    new TableRow("CORE-10 for clinically distressed at intake (n=9)", "20.00 (5.24)", "12.33 (7.45)", "7.67 (6.38)", "3.60**", ".007"),
                    new TableRow("CORE-10 for men (n=6)", "13.17 (6.34)", "6.33 (2.50)", "6.83 (5.49)", "3.05*", ".029"),
                    new TableRow("CORE-10 for women (n=10)", "13.70 (8.07)", "10.40 (5.85)", "3.30 (6.99)", "1.49", ".169"),
                    new TableRow("Risk (n=17)", "3.18 (4.53)", "0.94 (1.75)", "2.24 (3.53)", "2.61*", ".019"),
                    new TableRow("CSI-4 (n=17)", "8.59 (6.14)", "10.29 (6.36)", "−1.71 (4.37)", "−1.61", ".127"),
                    new TableRow("Argument (n=17)", "0.86 (0.37)", "0.65 (0.42)", "0.22 (0.39)", "2.28*", ".037"),
                ],
                "Table 1: Summary of scores pre- and post-therapy, with standard deviations in brackets",
                "* p<.05, ** p<.01: a statistically significant difference (paired t-test, two-tailed)."),
            new ChartBlock(ChartKind.GroupedBar, ["CORE-10", "Distressed at intake", "Men", "Women", "Risk"],
            [
                new ChartSeries("Pre-therapy", [14.18, 20.00, 13.17, 13.70, 3.18]),
                new ChartSeries("Post-therapy", [9.82, 12.33, 6.33, 10.40, 0.94]),
            ])
            {
                Title = "Psychological distress before and after therapy",
                ValueAxisTitle = ChartAxisTitle,
                ReferenceLine = new ReferenceLine(11, "Clinical cut-off (11)"),
                ValueFormat = "0.0",
                Caption = "Figure 2: Mean CORE-10 and risk scores of participants with both scores (n = 17; subgroups as in Table 1).",
            },
            new HeadingBlock("Service satisfaction", 3),
            new ParagraphBlock(
                "Service satisfaction was collected from 18 participants. Over 60% expressed complete satisfaction with " +
                "each aspect of the service and none indicated dissatisfaction."),
            new ChartBlock(ChartKind.StackedHorizontalBar,
                [
                    "I was treated well by the people who saw me",
                    "The people who saw me listened to me",
                    "I was seen quickly enough",
                    "The time of my appointments was convenient",
                    "My views and worries were taken seriously",
                    "I would recommend the service to a friend",
                ],
                [
                    new ChartSeries("Certainly true", [88.9, 88.9, 88.9, 83.3, 72.2, 88.9]),
                    new ChartSeries("Partly true", [11.1, 11.1, 11.1, 16.7, 27.8, 5.6]),
                    new ChartSeries("Not true", [0, 0, 0, 0, 0, 5.5]),
                ])
            {
                ValueAxisTitle = "% of participants (n = 18)",
                ValueFormat = "0'%'",
                Caption = "Figure 3: Service satisfaction at the end of therapy.",
            },
            new ChartBlock(ChartKind.Line, ["Intake", "Session 2", "Session 4", "Session 6", "Session 8", "End"],
            [
                new ChartSeries("Mean CORE-10", [14.2, 13.1, 12.0, 11.2, 10.4, 9.8]),
                new ChartSeries("Mean CSI-4 (higher is better)", [8.6, 8.9, 9.4, 9.6, 10.0, 10.3]),
            ])
            {
                Title = "Scores session by session",
                ValueAxisTitle = "Mean score",
                ValueMin = 0,
                Size = ChartSize.Small,
                Caption = "Figure 4: Means of the participants who completed a questionnaire at each point.",
            },
            new ChartBlock(ChartKind.Bar, ["Web form", "Wellbeing hub", "Phone", "Email", "Professional"],
                [new ChartSeries("Referrals", [112, 64, 38, 21, 17])])
            {
                Title = "Referrals by route",
                ValueAxisTitle = "Referrals",
                ValueFormat = "0",
                Size = ChartSize.Small,
            },

            new HeadingBlock("3. Parents' feedback after therapy", 1) { NewPage = true },
            new ParagraphBlock(
                "Interviews were conducted with parents to hear their experience of the programme. Eleven parents " +
                "consented to a telephone interview and to be recorded; only comments given with consent to quote appear here."),
            new QuoteBlock(
                "We have always lived together, with my wife and children. We used to sleep in separate rooms but now we " +
                "sleep in the same room. I feel more confident. I can say things.", "Couple 2, father"),
            new QuoteBlock(
                "The sessions were extremely useful in helping me think about my partner's point of view. It felt a very " +
                "safe and non-judgemental space in which to talk and learn about ourselves and one another.", "End-of-service questionnaire"),
            new SpacerBlock(6),
            new HeadingBlock("Net Promoter Score", 3),
            new KeyFiguresBlock(
            [
                new KeyFigure("+72", "Net Promoter Score", "n = 18: 78% promoters, 6% detractors"),
                new KeyFigure("94%", "would recommend the service"),
                new KeyFigure("4.2", "mean sessions per completed case"),
            ]),
            new PageBreakBlock(),
            new HeadingBlock("4. Conclusion", 1),
            new ParagraphBlock(
                "The parents who entered therapy were generally individually and relationally distressed, and the therapy " +
                "helped them with this. A larger sample of pre- and post-therapy questionnaires would give more fine-tuned results."),
            new ParagraphBlock(
                "Relationship support services, NHS Talking Therapies and local authorities can use these findings when they " +
                "commission relationship support.", ParagraphStyle.Note),
        };
        return blocks;
    }

    private static TableBlock DemographicsTable(int rows)
    {
        string[] groups = ["Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups", "White", "Other ethnic group"];
        string[][] categories =
        [
            ["Indian", "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background"],
            ["Caribbean", "African", "Any other Black background"],
            ["White and Black Caribbean", "White and Black African", "White and Asian", "Any other mixed background"],
            ["British", "Irish", "Gypsy or Irish Traveller", "Roma", "Any other White background"],
            ["Arab", "Any other ethnic group", "Not stated"],
        ];
        var list = new List<TableRow>();
        var n = 0;
        while (list.Count < rows)
        {
            for (var g = 0; g < groups.Length && list.Count < rows; g++)
            {
                list.Add(new TableRow([groups[g]], TableRowStyle.Group));
                foreach (var category in categories[g])
                {
                    if (list.Count >= rows)
                    {
                        break;
                    }
                    n++;
                    var count = (n * 7) % 13 + 1;
                    list.Add(new TableRow(category, count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        (count * 100.0 / 39).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%",
                        (n % 3 == 0 ? "Fewer than 5 with post-therapy scores" : "")));
                }
            }
        }
        list.Add(new TableRow(["All participants who gave their ethnicity", "39", "100%", ""], TableRowStyle.Strong));
        return new TableBlock(
            [
                new TableColumn(LongTableHeader, CellAlign.Left, 2.4f),
                new TableColumn("Participants", CellAlign.Right, 1f),
                new TableColumn("%", CellAlign.Right, 0.7f),
                new TableColumn("Note", CellAlign.Left, 2f),
            ],
            list,
            LongTableCaption,
            "Percentages of the 39 participants who answered the question; groups as in the NHS ethnic categories.",
            TableStyle.Zebra);
    }
}
