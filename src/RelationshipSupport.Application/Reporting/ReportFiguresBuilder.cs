using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Outcomes;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Application.Reporting;

/// <summary>
/// Computes <see cref="ReportFigures"/> for one programme and period (UK dates, both inclusive) from the records, with
/// a handful of projected, untracked queries: no entity graphs, so a year of a large service stays fast. The rules of
/// who is counted are in docs/report-definitions.md; the statistics in <see cref="Stats"/> and
/// <see cref="OutcomeAnalysis"/>. Access is the caller's business (managers and administrators).
/// </summary>
public sealed class ReportFiguresBuilder(AppDbContext db, TimeProvider clock)
{
    public async Task<ReportFigures> BuildAsync(string programmeCode, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new DomainException("The period ends before it starts.");
        }
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Criteria)
            .SingleOrDefaultAsync(p => p.Code == programmeCode, cancellationToken)
            ?? throw new DomainException($"There is no programme with the code “{programmeCode}”.");
        var (fromUtc, toUtc) = Bounds(from, to);
        var programmeId = programme.Id;

        var referrals = await db.Referrals.AsNoTracking()
            .Where(r => r.ProgrammeId == programmeId && r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < toUtc)
            .Select(r => new ReferralRow(r.Id, r.Route, r.Status, r.ClientType, r.ReceivedAtUtc, r.AllocatedAtUtc))
            .ToListAsync(cancellationToken);

        var sessions = await db.TherapySessions.AsNoTracking()
            .Where(s => db.Referrals.Any(r => r.Id == s.ReferralId && r.ProgrammeId == programmeId) && s.StartsAtUtc < toUtc)
            .Select(s => new SessionRow(s.ReferralId, s.StartsAtUtc, s.Attendance, s.ClientsAttended))
            .ToListAsync(cancellationToken);

        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => db.Referrals.Any(r => r.Id == a.ReferralId && r.ProgrammeId == programmeId)
                && a.HeldOn != null && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.SignedOff))
            .Select(a => new AssessmentRow(a.ReferralId, a.Kind, a.PersonId, a.HeldOn!.Value))
            .ToListAsync(cancellationToken);

        var scores = await ScoresAsync(programmeId, fromUtc, toUtc, cancellationToken);

        var people = await db.ReferralPeople.AsNoTracking()
            .Where(p => db.Referrals.Any(r => r.Id == p.ReferralId && r.ProgrammeId == programmeId && r.ReceivedAtUtc < toUtc))
            .Select(p => new PersonRow(p.Id, p.ReferralId, p.Role, p.GenderIdentity, p.DateOfBirth, p.EthnicCategory, p.ConsentToEvaluation,
                p.MaritalStatus, p.RelationshipLengthYears, p.HighestQualification, p.Employment))
            .ToListAsync(cancellationToken);
        var peopleById = people.ToDictionary(p => p.Id);
        var peopleByReferral = people.ToLookup(p => p.ReferralId);
        var seen = SeenPeople(sessions, assessments, peopleByReferral, fromUtc, toUtc, from, to);

        var attendedByReferral = sessions
            .Where(s => s.Attendance is AttendanceOutcome.Attended or AttendanceOutcome.Late)
            .GroupBy(s => s.ReferralId).ToDictionary(g => g.Key, g => g.Count());

        var definitions = await DefinitionsAsync(programmeId, scores, cancellationToken);

        var consented = scores.Where(s => s.Consented).ToList();
        var analysed = people.ToDictionary(p => p.Id, p => new AnalysedParticipant(p.Id, p.Gender, attendedByReferral.GetValueOrDefault(p.ReferralId)));
        var measures = definitions
            .SelectMany(d => d.Scores.Select(score => (Definition: d, Score: score)))
            .Select(m => OutcomeAnalysis.Analyse(m.Definition.Code, m.Score, PointsFor(consented, m.Definition.Code, m.Score.Key), analysed))
            .Where(m => m.Intake.N > 0 || m.End.N > 0)
            .Select(ToFigures)
            .ToList();

        // Completers: consented participants with an intake and an end score on the programme's first measure.
        var completerReferrals = measures.Count == 0 ? [] : CompleterReferrals(consented, measures[0], peopleById);

        return new ReportFigures(
            new ReportHeader(programme.Code, programme.Name, programme.Commissioner, from, to, clock.GetUtcNow().UtcDateTime, programme.MinSessions, programme.MaxSessions),
            HeadlineOf(seen, peopleById, peopleByReferral),
            referrals.Count,
            ByRoute(referrals),
            Waiting(referrals, assessments, sessions),
            SessionsOf(programme, sessions, fromUtc, toUtc, await CompletedCasesAsync(programmeId, fromUtc, toUtc, cancellationToken), attendedByReferral, completerReferrals),
            Flow(programme, referrals, assessments, sessions, peopleByReferral, scores),
            DemographicsOf(seen.Select(id => peopleById[id]).ToList(), from),
            measures,
            await NetPromoterAsync(programmeId, fromUtc, toUtc, cancellationToken),
            await SatisfactionAsync(programmeId, fromUtc, toUtc, definitions, cancellationToken),
            await QuotesAsync(programmeId, fromUtc, toUtc, cancellationToken),
            await CliniciansAsync(programmeId, fromUtc, toUtc, cancellationToken),
            programme.Criteria.Where(c => c.IsActive && c.Kind == CriterionKind.Inclusion).OrderBy(c => c.SortOrder).Select(c => c.Text).ToList(),
            programme.Criteria.Where(c => c.IsActive && c.Kind == CriterionKind.Exclusion).OrderBy(c => c.SortOrder).Select(c => c.Text).ToList(),
            definitions.Select(d => Describe(d, definitions)).ToList(),
            OutcomeAnalysis.EndRule);
    }

    /// <summary>A period of UK dates (both inclusive) as UTC instants: from midnight of the first day to midnight after the last.</summary>
    internal static (DateTime FromUtc, DateTime ToUtc) Bounds(DateOnly from, DateOnly to) =>
        (UkTime.ToUtc(from, TimeOnly.MinValue)!.Value, UkTime.ToUtc(to.AddDays(1), TimeOnly.MinValue)!.Value);

    /// <summary>Referral routes in the order and wording of the reports.</summary>
    internal static readonly IReadOnlyList<(ReferralRoute Route, string Label)> Routes =
    [
        (ReferralRoute.SelfReferral, "Self-referral (web form)"),
        (ReferralRoute.StaffWellbeingHub, "Staff Wellbeing Hub"),
        (ReferralRoute.Coordinator, "Phone or email (entered by a coordinator)"),
        (ReferralRoute.Professional, "Professional referral"),
    ];

    /// <summary>
    /// Every stored score of the programme's questionnaires completed in the period, consented or not (the caller
    /// filters on <see cref="ScoreRow.Consented"/>): the one definition of which scores the outcome figures read,
    /// shared by the report and the anonymised export.
    /// </summary>
    internal async Task<List<ScoreRow>> ScoresAsync(int programmeId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        await (
            from s in db.QuestionnaireScores
            join response in db.QuestionnaireResponses on s.ResponseId equals response.Id
            join request in db.QuestionnaireRequests on response.RequestId equals request.Id
            join person in db.ReferralPeople on request.PersonId equals person.Id
            join referral in db.Referrals on request.ReferralId equals referral.Id
            where referral.ProgrammeId == programmeId && request.Status == QuestionnaireStatus.Completed
                && request.CompletedAtUtc >= fromUtc && request.CompletedAtUtc < toUtc && s.Value != null
            select new ScoreRow(person.Id, person.ConsentToEvaluation, response.InstrumentCode, s.ScoreKey, request.Timepoint, request.CompletedAtUtc!.Value, s.Value!.Value))
            .AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>The current definitions of the programme's scheduled questionnaires, then of any others scored: the measures reported, in order.</summary>
    internal async Task<List<InstrumentDefinition>> DefinitionsAsync(int programmeId, IEnumerable<ScoreRow> scores, CancellationToken cancellationToken)
    {
        var instruments = await new InstrumentCatalogue(db).Current().AsNoTracking().ToListAsync(cancellationToken);
        var scheduledCodes = await db.ProgrammeInstruments.AsNoTracking().Where(p => p.ProgrammeId == programmeId)
            .OrderBy(p => p.Timepoint).ThenBy(p => p.SortOrder).Select(p => p.InstrumentCode).ToListAsync(cancellationToken);
        return scheduledCodes.Concat(scores.Select(s => s.InstrumentCode)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(code => instruments.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)))
            .OfType<Instrument>().Select(i => i.Definition).ToList();
    }

    /// <summary>
    /// A consented participant's points for one score of one instrument, as <see cref="OutcomeAnalysis"/> reads them.
    /// </summary>
    internal static List<ScorePoint> PointsFor(IEnumerable<ScoreRow> consented, string instrumentCode, string scoreKey) =>
        consented.Where(s => string.Equals(s.InstrumentCode, instrumentCode, StringComparison.OrdinalIgnoreCase) && s.ScoreKey == scoreKey)
            .Select(s => new ScorePoint(s.PersonId, s.Timepoint, s.CompletedAtUtc, s.Value)).ToList();

    private sealed record ReferralRow(int Id, ReferralRoute Route, ReferralStatus Status, ClientType ClientType, DateTime ReceivedAtUtc, DateTime? AllocatedAtUtc);
    private sealed record SessionRow(int ReferralId, DateTime StartsAtUtc, AttendanceOutcome? Attendance, SessionClients? ClientsAttended)
    {
        public bool Attended => Attendance is AttendanceOutcome.Attended or AttendanceOutcome.Late;
    }
    private sealed record AssessmentRow(int ReferralId, AssessmentKind Kind, int? PersonId, DateOnly HeldOn);
    internal sealed record ScoreRow(int PersonId, bool Consented, string InstrumentCode, string ScoreKey, Timepoint Timepoint, DateTime CompletedAtUtc, double Value);
    private sealed record PersonRow(int Id, int ReferralId, PersonRole Role, string? Gender, DateOnly? DateOfBirth, string? Ethnicity, bool Consented,
        MaritalStatus? MaritalStatus, int? RelationshipYears, Qualification? Qualification, Employment? Employment);

    /// <summary>The people seen in the period: at an attended session (those who came), or at an assessment held then.</summary>
    private static HashSet<int> SeenPeople(
        List<SessionRow> sessions, List<AssessmentRow> assessments, ILookup<int, PersonRow> peopleByReferral,
        DateTime fromUtc, DateTime toUtc, DateOnly from, DateOnly to)
    {
        var seen = new HashSet<int>();
        foreach (var session in sessions.Where(s => s.Attended && s.StartsAtUtc >= fromUtc && s.StartsAtUtc < toUtc))
        {
            foreach (var person in peopleByReferral[session.ReferralId].Where(p => session.ClientsAttended switch
            {
                SessionClients.PrimaryOnly => p.Role == PersonRole.Primary,
                SessionClients.PartnerOnly => p.Role == PersonRole.Partner,
                _ => true,
            }))
            {
                seen.Add(person.Id);
            }
        }
        foreach (var assessment in assessments.Where(a => a.HeldOn >= from && a.HeldOn <= to))
        {
            // Only people loaded with their referral (received by the period's end) are counted.
            seen.UnionWith(peopleByReferral[assessment.ReferralId]
                .Where(p => assessment.PersonId is null || p.Id == assessment.PersonId).Select(p => p.Id));
        }
        return seen;
    }

    private static Headline HeadlineOf(HashSet<int> seen, Dictionary<int, PersonRow> peopleById, ILookup<int, PersonRow> peopleByReferral)
    {
        var inCouples = seen.Where(id => peopleByReferral[peopleById[id].ReferralId].Count() > 1).ToList();
        var couples = inCouples.Select(id => peopleById[id].ReferralId).Distinct().Count();
        return new Headline(seen.Count, seen.Count - inCouples.Count, inCouples.Count, couples);
    }

    private static IReadOnlyList<CountRow> ByRoute(List<ReferralRow> referrals) =>
    [
        .. Routes
        .Select(r => (r.Label, Count: referrals.Count(x => x.Route == r.Route)))
        .Where(r => r.Count > 0)
        .Select(r => new CountRow(r.Label, r.Count, Stats.Percent(r.Count, referrals.Count))),
    ];

    private static WaitingTimes Waiting(List<ReferralRow> referrals, List<AssessmentRow> assessments, List<SessionRow> sessions)
    {
        var firstAssessment = assessments.GroupBy(a => a.ReferralId).ToDictionary(g => g.Key, g => g.Min(a => a.HeldOn));
        var firstSession = sessions.Where(s => s.Attended).GroupBy(s => s.ReferralId).ToDictionary(g => g.Key, g => g.Min(s => s.StartsAtUtc));
        var toAssessment = referrals.Where(r => firstAssessment.ContainsKey(r.Id))
            .Select(r => (double)(firstAssessment[r.Id].DayNumber - UkTime.DateOf(r.ReceivedAtUtc).DayNumber)).ToList();
        var toSession = referrals.Where(r => firstSession.ContainsKey(r.Id))
            .Select(r => (double)UkTime.DaysBetween(r.ReceivedAtUtc, firstSession[r.Id])).ToList();
        return new WaitingTimes(
            new DaysSummary(toAssessment.Count, Stats.Median(toAssessment), Stats.Percentile(toAssessment, 90)),
            new DaysSummary(toSession.Count, Stats.Median(toSession), Stats.Percentile(toSession, 90)));
    }

    private async Task<List<int>> CompletedCasesAsync(int programmeId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        await db.Referrals.AsNoTracking()
            .Where(r => r.ProgrammeId == programmeId && r.Status == ReferralStatus.Ended && r.EndingReason == EndingReason.Completed
                && r.ClosedAtUtc >= fromUtc && r.ClosedAtUtc < toUtc)
            .Select(r => r.Id).ToListAsync(cancellationToken);

    private static SessionFigures SessionsOf(
        Programme programme, List<SessionRow> sessions, DateTime fromUtc, DateTime toUtc, List<int> completedCases,
        Dictionary<int, int> attendedByReferral, IReadOnlyCollection<int> completerReferrals)
    {
        var inPeriod = sessions.Where(s => s.StartsAtUtc >= fromUtc && s.StartsAtUtc < toUtc && s.Attendance is not null).ToList();
        var attended = inPeriod.Count(s => s.Attended);
        var missed = inPeriod.Count(s => s.Attendance == AttendanceOutcome.DidNotAttend);
        var completerSessions = completerReferrals.Select(id => attendedByReferral.GetValueOrDefault(id)).ToList();
        return new SessionFigures(
            Offered: inPeriod.Count(s => s.Attendance != AttendanceOutcome.CancelledByService),
            Attended: attended,
            DidNotAttend: missed,
            CancelledByClient: inPeriod.Count(s => s.Attendance == AttendanceOutcome.CancelledByClient),
            CancelledByService: inPeriod.Count(s => s.Attendance == AttendanceOutcome.CancelledByService),
            DidNotAttendRate: Stats.Percent(missed, attended + missed),
            CompletedCases: completedCases.Count,
            SessionsPerCompletedCase: Stats.Describe(completedCases.Select(id => (double)attendedByReferral.GetValueOrDefault(id))),
            SessionsOfCompleters: Stats.Describe(completerSessions.Select(n => (double)n)),
            FewestSessionsOfCompleters: completerSessions.Count == 0 ? null : completerSessions.Min(),
            MostSessionsOfCompleters: completerSessions.Count == 0 ? null : completerSessions.Max(),
            CompletersWithTargetSessions: completerSessions.Count(n => n >= programme.MinSessions));
    }

    /// <summary>The cases (one per couple) of consented participants with intake and end scores on the first measure.</summary>
    private static List<int> CompleterReferrals(List<ScoreRow> consented, MeasureFigures first, Dictionary<int, PersonRow> peopleById)
    {
        var rows = consented.Where(s => s.InstrumentCode == first.InstrumentCode && s.ScoreKey == first.ScoreKey).ToList();
        var withIntake = rows.Where(s => s.Timepoint == Timepoint.Intake).Select(s => s.PersonId).ToHashSet();
        return rows.Where(s => s.Timepoint != Timepoint.Intake && withIntake.Contains(s.PersonId))
            .Select(s => peopleById.TryGetValue(s.PersonId, out var p) ? p.ReferralId : 0)
            .Where(id => id != 0).Distinct().ToList();
    }

    /// <summary>
    /// The referral flowchart (seed 001): referrals (couples or individuals) in the period, those found not suitable,
    /// those offered the service (allocated), assessed, entering therapy; then participants with usable intake and
    /// post-therapy questionnaires, those who declined evaluation, and those with both and consent.
    /// </summary>
    private static IReadOnlyList<FlowStep> Flow(
        Programme programme, List<ReferralRow> referrals, List<AssessmentRow> assessments, List<SessionRow> sessions,
        ILookup<int, PersonRow> peopleByReferral, List<ScoreRow> scores)
    {
        var ids = referrals.Select(r => r.Id).ToHashSet();
        var unit = referrals.All(r => r.ClientType == ClientType.Couple) ? "couples" : "referrals";
        var assessed = assessments.Where(a => ids.Contains(a.ReferralId) && (!programme.IndividualAssessmentsForCouples || a.Kind == AssessmentKind.Individual))
            .Select(a => a.ReferralId).Distinct().Count();
        var entered = sessions.Where(s => ids.Contains(s.ReferralId) && s.Attended).Select(s => s.ReferralId).Distinct().Count();
        var people = referrals.SelectMany(r => peopleByReferral[r.Id]).ToDictionary(p => p.Id);
        var ofThese = scores.Where(s => people.ContainsKey(s.PersonId)).ToList();
        var intake = ofThese.Where(s => s.Timepoint == Timepoint.Intake).Select(s => s.PersonId).ToHashSet();
        var post = ofThese.Where(s => s.Timepoint is Timepoint.End or Timepoint.EverySession && intake.Contains(s.PersonId)).Select(s => s.PersonId).ToHashSet();
        var declined = post.Count(id => !people[id].Consented);
        return
        [
            new FlowStep("Referred", referrals.Count, unit),
            new FlowStep("Not suitable (met exclusion criteria)", referrals.Count(r => r.Status == ReferralStatus.NotSuitable), unit, Exit: true),
            new FlowStep("Offered the service", referrals.Count(r => r.AllocatedAtUtc is not null), unit),
            new FlowStep(programme.IndividualAssessmentsForCouples ? "Had at least one individual assessment" : "Assessed", assessed, unit),
            new FlowStep("Entered the intervention", entered, unit),
            new FlowStep("Usable intake questionnaire", intake.Count, "participants"),
            new FlowStep("Post-therapy questionnaire", post.Count, "participants"),
            new FlowStep("Refused consent for analysis", declined, "participants", Exit: true),
            new FlowStep("Pre and post with consent", post.Count - declined, "participants"),
        ];
    }

    private static Demographics DemographicsOf(List<PersonRow> seen, DateOnly asAt)
    {
        var ages = seen.Where(p => p.DateOfBirth is not null).Select(p => AgeOn(p.DateOfBirth!.Value, asAt)).ToList();
        var age = Stats.Describe(ages.Select(a => (double)a));
        return new Demographics(seen.Count,
            BreakdownOf(seen, p => p.Gender, GenderIdentity.All.Select(g => (g.Code, g.Label, (string?)null))),
            new AgeFigures(ages.Count, ages.Count == 0 ? null : ages.Min(), ages.Count == 0 ? null : ages.Max(), age.Mean, age.Sd),
            BreakdownOf(seen, p => p.Ethnicity, EthnicCategory.All.Select(e => (e.Code, e.Label, (string?)e.Group))),
            BreakdownOf(seen, p => p.MaritalStatus?.ToString(), Enum.GetValues<MaritalStatus>().Select(m => (m.ToString(), DemographicLabels.Of(m), (string?)null))),
            BreakdownOf(seen, p => p.RelationshipYears is { } y ? DemographicLabels.RelationshipLengthBand(y) : null,
                DemographicLabels.RelationshipLengthBands.Select(b => (b, b, (string?)null))),
            BreakdownOf(seen, p => p.Qualification?.ToString(), Enum.GetValues<Qualification>().Select(q => (q.ToString(), DemographicLabels.Of(q), (string?)null))),
            BreakdownOf(seen, p => p.Employment?.ToString(), Enum.GetValues<Employment>().Select(e => (e.ToString(), DemographicLabels.Of(e), (string?)null))));
    }

    /// <summary>Counts per category in the categories' order (empty ones left out), percentages of those who answered.</summary>
    private static Breakdown BreakdownOf(List<PersonRow> seen, Func<PersonRow, string?> answer, IEnumerable<(string Key, string Label, string? Group)> categories)
    {
        var answers = seen.Select(answer).OfType<string>().ToList();
        var rows = categories
            .Select(c => (c.Label, c.Group, Count: answers.Count(a => a == c.Key)))
            .Where(c => c.Count > 0)
            .Select(c => new CountRow(c.Label, c.Count, Stats.Percent(c.Count, answers.Count), c.Group))
            .ToList();
        return new Breakdown(answers.Count, seen.Count - answers.Count, rows);
    }

    private static int AgeOn(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);

    private static MeasureFigures ToFigures(MeasureAnalysis m) => new(
        m.InstrumentCode, m.ScoreKey, m.Name,
        m.Definition.Direction == Direction.HigherIsWorse ? "Higher scores mean more difficulty" : "Higher scores mean better",
        m.Definition.ClinicalCutoff?.Value, m.Definition.ClinicalCutoff?.Label, m.Definition.ReliableChange, m.Definition.Decimals,
        m.Intake, m.IntakePercentClinical, m.End, m.EndPercentClinical,
        m.Paired, m.PairedClinicalAtIntake, m.PairedMen, m.PairedWomen, m.Change);

    private IQueryable<QuestionnaireAnswerRow> ConsentedAnswers(int programmeId, string code, DateTime fromUtc, DateTime toUtc) =>
        from answer in db.QuestionnaireAnswers
        join response in db.QuestionnaireResponses on answer.ResponseId equals response.Id
        join request in db.QuestionnaireRequests on response.RequestId equals request.Id
        join person in db.ReferralPeople on request.PersonId equals person.Id
        join referral in db.Referrals on request.ReferralId equals referral.Id
        where referral.ProgrammeId == programmeId && response.InstrumentCode == code && person.ConsentToEvaluation
            && request.Status == QuestionnaireStatus.Completed && request.CompletedAtUtc >= fromUtc && request.CompletedAtUtc < toUtc
        select new QuestionnaireAnswerRow(response.Id, answer.ItemNumber, answer.Value);

    private sealed record QuestionnaireAnswerRow(int ResponseId, int ItemNumber, int Value);

    private async Task<NetPromoterFigures?> NetPromoterAsync(int programmeId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var answers = (await ConsentedAnswers(programmeId, BuiltInInstruments.NetPromoter, fromUtc, toUtc).AsNoTracking().ToListAsync(cancellationToken))
            .Where(a => a.ItemNumber == 1).Select(a => a.Value).ToList();
        return answers.Count == 0 ? null : new NetPromoterFigures(answers.Count,
            answers.Count(a => a >= 9), answers.Count(a => a is 7 or 8), answers.Count(a => a <= 6), Stats.NetPromoterScore(answers));
    }

    private async Task<SatisfactionFigures?> SatisfactionAsync(
        int programmeId, DateTime fromUtc, DateTime toUtc, List<InstrumentDefinition> definitions, CancellationToken cancellationToken)
    {
        var definition = definitions.FirstOrDefault(d => d.Code == BuiltInInstruments.Satisfaction);
        if (definition is null)
        {
            return null;
        }
        var answers = await ConsentedAnswers(programmeId, BuiltInInstruments.Satisfaction, fromUtc, toUtc).AsNoTracking().ToListAsync(cancellationToken);
        if (answers.Count == 0)
        {
            return null;
        }
        var options = definition.OptionsFor(definition.Items[0]);
        var items = definition.Items.Select(item =>
        {
            var given = answers.Where(a => a.ItemNumber == item.Number).ToList();
            return new SatisfactionItem(item.Number, item.Text, given.Count,
                options.Select(o => Stats.Percent(given.Count(a => a.Value == o.Value), given.Count) ?? 0).ToList());
        }).ToList();
        return new SatisfactionFigures(answers.Select(a => a.ResponseId).Distinct().Count(), options.Select(o => o.Label).ToList(), items);
    }

    /// <summary>End-of-service comments the client allowed to be quoted, unnamed, from those who consented to evaluation; oldest first.</summary>
    private async Task<IReadOnlyList<string>> QuotesAsync(int programmeId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        await db.QuestionnaireRequests.AsNoTracking()
            .Where(q => q.MayQuoteFeedback && q.FeedbackComment != null && q.Status == QuestionnaireStatus.Completed
                && q.CompletedAtUtc >= fromUtc && q.CompletedAtUtc < toUtc
                && db.Referrals.Any(r => r.Id == q.ReferralId && r.ProgrammeId == programmeId)
                && db.ReferralPeople.Any(p => p.Id == q.PersonId && p.ConsentToEvaluation))
            .OrderBy(q => q.CompletedAtUtc).Select(q => q.FeedbackComment!).ToListAsync(cancellationToken);

    /// <summary>Therapists on the programme's cases during the period, counted by organisation.</summary>
    private async Task<IReadOnlyList<CountRow>> CliniciansAsync(int programmeId, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var organisations = await (
            from allocation in db.CaseAllocations
            join referral in db.Referrals on allocation.ReferralId equals referral.Id
            join user in db.Users on allocation.TherapistUserId equals user.Id
            where referral.ProgrammeId == programmeId && allocation.AllocatedAtUtc < toUtc
                && (allocation.EndedAtUtc == null || allocation.EndedAtUtc >= fromUtc)
            select new { user.Id, user.Organisation }).Distinct().AsNoTracking().ToListAsync(cancellationToken);
        return organisations.GroupBy(o => string.IsNullOrWhiteSpace(o.Organisation) ? "Organisation not recorded" : o.Organisation!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CountRow(g.Key, g.Count())).ToList();
    }

    /// <summary>What the report says about a measure: its first score's range, direction and cut-off, from the definitions.</summary>
    private static MeasureDescription Describe(InstrumentDefinition d, IReadOnlyList<InstrumentDefinition> all)
    {
        var score = d.Scores.FirstOrDefault();
        return new MeasureDescription(d.Code, d.Name, d.Source, score is null ? null : RangeOf(d, score, all),
            score is null ? null : score.Direction == Direction.HigherIsWorse ? "higher scores mean more difficulty" : "higher scores mean better",
            score?.ClinicalCutoff?.Label, d.Licence);
    }

    /// <summary>
    /// The lowest and highest a score can be: sums add their items' (and linked items') answer ranges; a mean runs over
    /// one item's range. Null when a linked instrument is not among the definitions (its range is unknown here).
    /// </summary>
    private static string? RangeOf(InstrumentDefinition d, ScoreDefinition score, IReadOnlyList<InstrumentDefinition> all)
    {
        var items = (score.Items.Count == 0 ? d.Items : d.Items.Where(i => score.Items.Contains(i.Number)))
            .Select(i => d.OptionsFor(i)).ToList();
        foreach (var link in score.LinkedItems)
        {
            var parts = link.Split(':');
            var other = all.FirstOrDefault(x => string.Equals(x.Code, parts[0], StringComparison.OrdinalIgnoreCase));
            var item = other?.Items.FirstOrDefault(i => i.Number == int.Parse(parts[1], CultureInfo.InvariantCulture));
            if (other is null || item is null)
            {
                return null;
            }
            items.Add(other.OptionsFor(item));
        }
        var (low, high) = score.Aggregate == Aggregate.Mean
            ? (items.Min(o => o.Min(x => x.Value)), items.Max(o => o.Max(x => x.Value)))
            : (items.Sum(o => o.Min(x => x.Value)), items.Sum(o => o.Max(x => x.Value)));
        var text = $"{low.ToString(CultureInfo.InvariantCulture)}–{high.ToString(CultureInfo.InvariantCulture)}";
        return score.Aggregate == Aggregate.Mean ? "mean item score " + text : text;
    }
}
