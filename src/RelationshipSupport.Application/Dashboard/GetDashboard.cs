using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Caseload;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Domain.Statistics;

namespace RelationshipSupport.Application.Dashboard;

/// <summary>
/// The manager's operational dashboard for one programme (or all) and a period of UK dates (both inclusive):
/// referrals per month by route, the waiting list now, caseload against capacity, sessions per month with the
/// did-not-attend rate, outcome summaries and assessments awaiting sign-off. Counts only, no person: the waiting list
/// is <see cref="GetWaitingList"/>'s, capacity is the manager's caseload view's (<see cref="TherapistCapacity"/>),
/// the outcome figures are the report's (<see cref="ReportFiguresBuilder"/>). Months are UK calendar months.
/// Access is the page's (managers and administrators); each view is audited.
/// </summary>
public static class GetDashboard
{
    public sealed record Query(string? ProgrammeCode, DateOnly From, DateOnly To) : IRequest<Result>;

    public sealed record ProgrammeOption(string Code, string Name);

    /// <summary>One UK calendar month of the period; <see cref="Key"/> is yyyy-MM.</summary>
    public sealed record Month(string Key, string Label);

    /// <summary>Referrals received per month for one route, in <see cref="Result.Months"/> order.</summary>
    public sealed record RouteSeries(ReferralRoute Route, string Label, IReadOnlyList<int> Counts)
    {
        public int Total => Counts.Sum();
    }

    public sealed record SessionMonth(string MonthKey, int Attended, int DidNotAttend, int CancelledByClient, int CancelledByService)
    {
        public int Cancelled => CancelledByClient + CancelledByService;
        /// <summary>Did not attend ÷ (attended + did not attend), as a percentage; null when neither happened.</summary>
        public double? DidNotAttendRate => Stats.Percent(DidNotAttend, Attended + DidNotAttend);
    }

    public sealed record OutcomeRow(
        string InstrumentCode, string ScoreKey, string Name, int Decimals,
        int IntakeN, double? IntakeMean, int EndN, double? EndMean, int Pairs, int ReliableImprovement,
        int ReliableAndClinicallySignificant, bool ReliableChangeDefined);

    public sealed record ProgrammeOutcomes(string ProgrammeCode, string ProgrammeName, IReadOnlyList<OutcomeRow> Measures);

    public sealed record SignOffs(int Outstanding, int? OldestDays);

    public sealed record Result(
        IReadOnlyList<ProgrammeOption> Programmes,
        ProgrammeOption? Programme,
        DateOnly From,
        DateOnly To,
        IReadOnlyList<Month> Months,
        IReadOnlyList<RouteSeries> Referrals,
        GetWaitingList.Statistics Waiting,
        IReadOnlyList<GetCaseload.CapacityRow> Capacity,
        IReadOnlyList<SessionMonth> Sessions,
        IReadOnlyList<ProgrammeOutcomes> Outcomes,
        SignOffs SignOffs,
        string EndRule)
    {
        public int ReferralsTotal => Referrals.Sum(r => r.Total);
        public SessionMonth SessionTotals => new("total",
            Sessions.Sum(s => s.Attended), Sessions.Sum(s => s.DidNotAttend), Sessions.Sum(s => s.CancelledByClient), Sessions.Sum(s => s.CancelledByService));
    }

    /// <summary>The programmes for the filter alone (when the filter itself is not valid and no figures are shown).</summary>
    public sealed record ProgrammesQuery : IRequest<IReadOnlyList<ProgrammeOption>>;

    internal sealed class ProgrammesHandler(AppDbContext db) : IRequestHandler<ProgrammesQuery, IReadOnlyList<ProgrammeOption>>
    {
        public async Task<IReadOnlyList<ProgrammeOption>> Handle(ProgrammesQuery request, CancellationToken cancellationToken) =>
            await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new ProgrammeOption(p.Code, p.Name)).ToListAsync(cancellationToken);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => DashboardPeriod.Rules(this, db, q => q.ProgrammeCode, q => q.From, q => q.To);
    }

    internal sealed class Handler(AppDbContext db, ReportFiguresBuilder reports, AuditLog audit, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (fromUtc, toUtc) = ReportFiguresBuilder.Bounds(request.From, request.To);
            var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(cancellationToken);
            var chosen = string.IsNullOrEmpty(request.ProgrammeCode) ? null : programmes.Single(p => p.Code == request.ProgrammeCode);
            int? programmeId = chosen?.Id;

            var referrals = db.Referrals.AsNoTracking();
            if (programmeId is { } id)
            {
                referrals = referrals.Where(r => r.ProgrammeId == id);
            }

            var months = MonthsOf(request.From, request.To);
            var monthIndex = months.Select((m, i) => (m.Key, i)).ToDictionary(x => x.Key, x => x.i);

            // Referrals received in the period: two projected columns, folded into UK calendar months here (a month
            // boundary in UK time is not a UTC date, so SQL grouping by date would misplace the first hour of BST days).
            var receivedRows = await referrals
                .Where(r => r.ReceivedAtUtc >= fromUtc && r.ReceivedAtUtc < toUtc)
                .Select(r => new { r.Route, r.ReceivedAtUtc })
                .ToListAsync(cancellationToken);
            var referralSeries = ReportFiguresBuilder.Routes.Select(route =>
            {
                var counts = new int[months.Count];
                foreach (var row in receivedRows.Where(r => r.Route == route.Route))
                {
                    counts[monthIndex[MonthKey(UkTime.DateOf(row.ReceivedAtUtc))]]++;
                }
                return new RouteSeries(route.Route, route.Label, counts);
            }).ToList();

            // The waiting list now, as the waiting-list page defines and counts it.
            var waiting = await GetWaitingList.Handler.StatisticsAsync(
                referrals.Where(r => r.Status == ReferralStatus.WaitingForAssessment && r.WaitingSinceUtc != null), now, cancellationToken);

            // Caseload against capacity, as the manager's caseload view shows it (therapists work across programmes).
            var capacity = (await TherapistCapacity.LoadAsync(db, default, null, cancellationToken))
                .Select(t => new GetCaseload.CapacityRow(t.Name, t.Organisation, t.OpenCases, t.Capacity))
                .OrderByDescending(t => t.OverCapacity)
                .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();

            // Sessions in the period with an attendance recorded: two projected columns, folded into UK months here.
            var sessionRows = await db.TherapySessions.AsNoTracking()
                .Where(s => s.StartsAtUtc >= fromUtc && s.StartsAtUtc < toUtc && s.Attendance != null
                    && (programmeId == null || db.Referrals.Any(r => r.Id == s.ReferralId && r.ProgrammeId == programmeId)))
                .Select(s => new { s.StartsAtUtc, s.Attendance })
                .ToListAsync(cancellationToken);
            var byMonth = sessionRows.GroupBy(s => MonthKey(UkTime.DateOf(s.StartsAtUtc))).ToDictionary(g => g.Key, g => g.ToList());
            var sessions = months.Select(m =>
            {
                var rows = byMonth.GetValueOrDefault(m.Key) ?? [];
                return new SessionMonth(m.Key,
                    rows.Count(s => s.Attendance is AttendanceOutcome.Attended or AttendanceOutcome.Late),
                    rows.Count(s => s.Attendance == AttendanceOutcome.DidNotAttend),
                    rows.Count(s => s.Attendance == AttendanceOutcome.CancelledByClient),
                    rows.Count(s => s.Attendance == AttendanceOutcome.CancelledByService));
            }).ToList();

            // Outcomes: the report's own figures, per programme.
            var outcomes = new List<ProgrammeOutcomes>();
            foreach (var programme in chosen is null ? programmes : [chosen])
            {
                var figures = await reports.BuildAsync(programme.Code, request.From, request.To, cancellationToken);
                outcomes.Add(new ProgrammeOutcomes(programme.Code, programme.Name, figures.Measures.Select(m => new OutcomeRow(
                    m.InstrumentCode, m.ScoreKey, m.Name, m.Decimals, m.Intake.N, m.Intake.Mean, m.End.N, m.End.Mean,
                    m.Change.Pairs, m.Change.ReliableImprovement, m.Change.ReliableAndClinicallySignificant, m.ReliableChangeIndex is not null)).ToList()));
            }

            // Assessments submitted and waiting for a supervisor's sign-off (as the supervisor's caseload lists them).
            var submitted = db.Assessments.AsNoTracking().Where(a => a.Status == AssessmentStatus.Submitted
                && (programmeId == null || db.Referrals.Any(r => r.Id == a.ReferralId && r.ProgrammeId == programmeId)));
            var outstanding = await submitted.CountAsync(cancellationToken);
            DateTime? oldest = outstanding == 0 ? null : await submitted.MinAsync(a => a.SubmittedAtUtc ?? a.UpdatedAtUtc, cancellationToken);

            audit.RecordRead(AuditActions.DashboardViewed, "Dashboard", null,
                $"programme={chosen?.Code ?? "all"}; from={Iso(request.From)}; to={Iso(request.To)}");

            return new Result(
                programmes.Select(p => new ProgrammeOption(p.Code, p.Name)).ToList(),
                chosen is null ? null : new ProgrammeOption(chosen.Code, chosen.Name),
                request.From, request.To, months, referralSeries, waiting, capacity, sessions, outcomes,
                new SignOffs(outstanding, oldest is null ? null : UkTime.DaysBetween(oldest.Value, now)),
                OutcomeAnalysis.EndRule);
        }
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthKey(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Every calendar month the period touches, first to last.</summary>
    internal static List<Month> MonthsOf(DateOnly from, DateOnly to)
    {
        var months = new List<Month>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            months.Add(new Month(MonthKey(m), m.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))));
        }
        return months;
    }
}
