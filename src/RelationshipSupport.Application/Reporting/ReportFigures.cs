using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Application.Reporting;

/// <summary>
/// Every figure of a programme's evaluation report for one period, computed from the records (docs/report-definitions.md).
/// Both report styles and the <c>--format json</c> output are made from this one object, so a figure cannot differ
/// between them. Numbers that cannot be computed are null with a stated reason, never NaN.
/// </summary>
public sealed record ReportFigures(
    ReportHeader Header,
    Headline Headline,
    int ReferralsTotal,
    IReadOnlyList<CountRow> ReferralsByRoute,
    WaitingTimes Waiting,
    SessionFigures Sessions,
    IReadOnlyList<FlowStep> Flow,
    Demographics Demographics,
    IReadOnlyList<MeasureFigures> Measures,
    NetPromoterFigures? NetPromoter,
    SatisfactionFigures? Satisfaction,
    IReadOnlyList<string> Quotes,
    IReadOnlyList<CountRow> CliniciansByOrganisation,
    IReadOnlyList<string> InclusionCriteria,
    IReadOnlyList<string> ExclusionCriteria,
    IReadOnlyList<MeasureDescription> MeasuresUsed,
    string EndRule);

public sealed record ReportHeader(
    string ProgrammeCode, string ProgrammeName, string Commissioner, DateOnly From, DateOnly To, DateTime GeneratedAtUtc,
    int TargetSessions, int MaxSessions);

/// <summary>People seen (an attended assessment or session in the period), active and closed cases alike.</summary>
public sealed record Headline(int ClientsSeen, int SeenAsIndividuals, int SeenAsPartOfCouple, int CouplesSeen);

/// <param name="Group">For grouped categories (ethnicity): the group the row belongs to.</param>
public sealed record CountRow(string Label, int Count, double? Percent = null, string? Group = null);

/// <summary>Days from referral to first assessment and to first attended session, for referrals received in the period.</summary>
public sealed record WaitingTimes(DaysSummary ToAssessment, DaysSummary ToFirstSession);

public sealed record DaysSummary(int N, double? Median, double? Percentile90);

public sealed record SessionFigures(
    int Offered, int Attended, int DidNotAttend, int CancelledByClient, int CancelledByService,
    /// <summary>Did not attend ÷ (attended + did not attend), as a percentage.</summary>
    double? DidNotAttendRate,
    int CompletedCases,
    Summary SessionsPerCompletedCase,
    /// <summary>Sessions attended by those with both intake and end questionnaires.</summary>
    Summary SessionsOfCompleters,
    int? FewestSessionsOfCompleters,
    int? MostSessionsOfCompleters,
    int CompletersWithTargetSessions);

/// <summary>One box of the referral flowchart; <see cref="Exit"/> marks a side box (people leaving the path).</summary>
public sealed record FlowStep(string Label, int Count, string Unit, bool Exit = false);

/// <summary>Who was seen, at intake. Each breakdown's percentages are of those who answered (its <see cref="Breakdown.Answered"/>).</summary>
public sealed record Demographics(
    int People,
    Breakdown Gender,
    AgeFigures Age,
    Breakdown Ethnicity,
    Breakdown MaritalStatus,
    Breakdown RelationshipLength,
    Breakdown Qualification,
    Breakdown Employment);

/// <summary>Answers to one demographic question: counts and percentages of those who answered; "prefer not to say"
/// counts as an answer, a question never asked or left blank as <see cref="NotRecorded"/>.</summary>
public sealed record Breakdown(int Answered, int NotRecorded, IReadOnlyList<CountRow> Rows);

public sealed record AgeFigures(int N, int? Youngest, int? Oldest, double? Mean, double? Sd);

/// <summary>One score's figures: intake, end, paired test and reliable change (from <see cref="MeasureAnalysis"/>).</summary>
public sealed record MeasureFigures(
    string InstrumentCode,
    string ScoreKey,
    string Name,
    string Direction,
    double? ClinicalCutoff,
    string? ClinicalRule,
    double? ReliableChangeIndex,
    int Decimals,
    Summary Intake,
    double? IntakePercentClinical,
    Summary End,
    double? EndPercentClinical,
    PairedTTest Paired,
    PairedTTest PairedClinicalAtIntake,
    PairedTTest PairedMen,
    PairedTTest PairedWomen,
    ChangeCounts Change);

public sealed record NetPromoterFigures(int N, int Promoters, int Passives, int Detractors, double? Score);

public sealed record SatisfactionFigures(int Respondents, IReadOnlyList<string> OptionLabels, IReadOnlyList<SatisfactionItem> Items);

/// <summary>Percentages of those who answered the item, one per option in <see cref="SatisfactionFigures.OptionLabels"/> order.</summary>
public sealed record SatisfactionItem(int Number, string Text, int Answered, IReadOnlyList<double> Percents);

/// <summary>What the report says about each measure used: from its definition.</summary>
public sealed record MeasureDescription(string Code, string Name, string? Source, string? Range, string? Direction, string? Cutoff, string? Licence);
