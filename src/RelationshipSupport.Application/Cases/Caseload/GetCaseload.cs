using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Application.Triage.Waiting;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Cases.Caseload;

/// <summary>
/// The caseload page, by role: a therapist's own open cases; a supervisor's view of the cases of the therapists they
/// supervise, with the assessments waiting for their sign-off, open risk alerts and pending extra-session requests;
/// a manager's caseload against capacity for every active therapist (no clinical detail). A user with several
/// roles gets each section. Each case row counts the clients' overdue questionnaires (open and past their due
/// date); a therapist also gets a summary of all of theirs, ended cases included (end-of-sessions questionnaires are
/// often still out after the ending). One audit entry per view (<c>caseload.viewed</c>), no names.
/// </summary>
public static class GetCaseload
{
    public sealed record Query : IRequest<Result>;

    public sealed record CaseRow(
        string Reference,
        string Names,
        string ProgrammeName,
        ReferralStatus Status,
        DateTime? NextSessionUtc,
        int SessionsUsed,
        int MinSessions,
        int SessionAllowance,
        int OpenRiskAlerts,
        int OpenTasks,
        int ReturnedAssessments,
        string Therapists,
        DateTime SinceUtc,
        int OverdueQuestionnaires);

    public sealed record SignOffRow(string Reference, int AssessmentId, AssessmentKind Kind, string AuthorName, DateTime SubmittedAtUtc);

    public sealed record AlertRow(int Id, string Reference, RiskArea Area, RiskLevel Level, string RaisedByName, DateTime RaisedAtUtc);

    public sealed record ExtensionRow(string Reference, int ExtraSessions, string RequestedByName, DateTime RequestedAtUtc);

    public sealed record CapacityRow(string Name, string? Organisation, int OpenCases, int Capacity)
    {
        public int FreePlaces => Math.Max(0, Capacity - OpenCases);
        public bool OverCapacity => OpenCases > Capacity;
    }

    /// <summary>A case of the therapist's with overdue questionnaires; <see cref="CaseEnded"/> when it is no longer on the caseload.</summary>
    public sealed record OverdueCase(string Reference, int Count, DateTime OldestDueUtc, bool CaseEnded);

    public sealed record OverdueSummary(int Total, IReadOnlyList<OverdueCase> Cases);

    public sealed record Result(
        IReadOnlyList<CaseRow>? MyCases,
        IReadOnlyList<CaseRow>? SupervisedCases,
        IReadOnlyList<SignOffRow>? ToSignOff,
        IReadOnlyList<AlertRow>? OpenAlerts,
        IReadOnlyList<ExtensionRow>? PendingExtensions,
        IReadOnlyList<CapacityRow>? Capacity,
        OverdueSummary? MyOverdueQuestionnaires = null);

    internal sealed class Handler(AppDbContext db, CaseAccess access, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = user.UserId ?? throw new InvalidOperationException("The caseload needs a signed-in user.");
            var now = clock.GetUtcNow().UtcDateTime;
            var sections = new List<string>();
            IReadOnlyList<CaseRow>? mine = null, supervised = null;
            IReadOnlyList<SignOffRow>? toSignOff = null;
            IReadOnlyList<AlertRow>? alerts = null;
            IReadOnlyList<ExtensionRow>? extensions = null;
            IReadOnlyList<CapacityRow>? capacity = null;
            OverdueSummary? overdue = null;

            var open = access.ClinicalCases().Where(r => r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.InTherapy);
            if (user.IsInRole(Roles.Therapist))
            {
                sections.Add("therapist");
                mine = await RowsAsync(open.Where(r => r.Allocations.Any(a => a.EndedAtUtc == null && a.TherapistUserId == me)), now, cancellationToken);
                overdue = await OverdueAsync(me, now, cancellationToken);
            }
            if (user.IsInRole(Roles.Supervisor))
            {
                sections.Add("supervisor");
                // The cases of the therapists I supervise (a therapist with no supervisor is supervised by every supervisor).
                var cases = open.Where(r => r.Allocations.Any(a => a.EndedAtUtc == null && a.TherapistUserId != me
                    && db.Users.Any(u => u.Id == a.TherapistUserId && (u.SupervisorUserId == me || u.SupervisorUserId == null))));
                supervised = await RowsAsync(cases, now, cancellationToken);
                var references = await cases.ToDictionaryAsync(r => r.Id, r => r.Reference, cancellationToken);
                var ids = references.Keys.ToList();
                toSignOff = (await db.Assessments.AsNoTracking()
                        .Where(a => ids.Contains(a.ReferralId) && a.Status == AssessmentStatus.Submitted && a.AuthorUserId != me)
                        .ToListAsync(cancellationToken))
                    .OrderBy(a => a.SubmittedAtUtc)
                    .Select(a => new SignOffRow(references[a.ReferralId], a.Id, a.Kind, a.AuthorName, a.SubmittedAtUtc ?? a.UpdatedAtUtc))
                    .ToList();
                alerts = (await db.RiskAlerts.AsNoTracking()
                        .Where(a => ids.Contains(a.ReferralId) && a.AcknowledgedAtUtc == null)
                        .ToListAsync(cancellationToken))
                    .OrderBy(a => a.RaisedAtUtc)
                    .Select(a => new AlertRow(a.Id, references[a.ReferralId], a.Area, a.Level, a.RaisedByName, a.RaisedAtUtc))
                    .ToList();
                extensions = (await db.SessionExtensions.AsNoTracking()
                        .Where(e => ids.Contains(e.ReferralId) && e.Status == ExtensionStatus.Pending)
                        .ToListAsync(cancellationToken))
                    .OrderBy(e => e.RequestedAtUtc)
                    .Select(e => new ExtensionRow(references[e.ReferralId], e.ExtraSessions, e.RequestedByName, e.RequestedAtUtc))
                    .ToList();
            }
            if (user.IsInRole(Roles.Manager))
            {
                sections.Add("manager");
                capacity = (await TherapistCapacity.LoadAsync(db, default, null, cancellationToken))
                    .Select(t => new CapacityRow(t.Name, t.Organisation, t.OpenCases, t.Capacity))
                    .OrderByDescending(t => t.OverCapacity)
                    .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }

            audit.RecordRead(AuditActions.CaseloadViewed, "Caseload", null,
                $"sections={string.Join(',', sections)}; cases={(mine?.Count ?? 0) + (supervised?.Count ?? 0)}");
            return new Result(mine, supervised, toSignOff, alerts, extensions, capacity, overdue);
        }

        /// <summary>
        /// Open questionnaires past their due date on the cases the therapist works or worked when they ended, in one
        /// query that starts from the (Status, DueAtUtc) index and groups by case.
        /// </summary>
        private async Task<OverdueSummary> OverdueAsync(string me, DateTime now, CancellationToken ct)
        {
            var rows = await (
                    from q in OverdueQuestionnaires(now)
                    join r in db.Referrals on q.ReferralId equals r.Id
                    where (r.Status == ReferralStatus.Allocated || r.Status == ReferralStatus.InTherapy || r.Status == ReferralStatus.Ended)
                        && r.Allocations.Any(a => a.TherapistUserId == me && (a.EndedAtUtc == null || a.EndedAtUtc == r.ClosedAtUtc))
                    group q by new { r.Reference, r.Status } into g
                    select new { g.Key.Reference, g.Key.Status, Count = g.Count(), Oldest = g.Min(x => x.DueAtUtc) })
                .ToListAsync(ct);
            var cases = rows
                .Select(r => new OverdueCase(r.Reference, r.Count, r.Oldest, r.Status == ReferralStatus.Ended))
                .OrderBy(r => r.OldestDueUtc).ThenBy(r => r.Reference, StringComparer.Ordinal)
                .ToList();
            return new OverdueSummary(cases.Sum(c => c.Count), cases);
        }

        /// <summary>Open (not started or started) and past the due date: <c>QuestionnaireRequest.IsOverdue</c> as a query.</summary>
        private IQueryable<Domain.Outcomes.QuestionnaireRequest> OverdueQuestionnaires(DateTime now) =>
            db.QuestionnaireRequests.Where(q =>
                (q.Status == Domain.Outcomes.QuestionnaireStatus.Pending || q.Status == Domain.Outcomes.QuestionnaireStatus.InProgress)
                && q.DueAtUtc < now);

        private async Task<IReadOnlyList<CaseRow>> RowsAsync(IQueryable<Referral> query, DateTime now, CancellationToken ct)
        {
            var cases = await query.AsNoTracking()
                .Include(r => r.Programme)
                .Include(r => r.People)
                .Include(r => r.Allocations)
                .Include(r => r.Sessions)
                .Include(r => r.SessionExtensions)
                .AsSplitQuery()
                .ToListAsync(ct);
            if (cases.Count == 0) return [];
            var ids = cases.Select(c => c.Id).ToList();
            var alerts = await db.RiskAlerts.Where(a => ids.Contains(a.ReferralId) && a.AcknowledgedAtUtc == null)
                .GroupBy(a => a.ReferralId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var tasks = await db.CaseTasks.Where(t => ids.Contains(t.ReferralId) && t.DoneAtUtc == null)
                .GroupBy(t => t.ReferralId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var returned = await db.Assessments.Where(a => ids.Contains(a.ReferralId) && a.Status == AssessmentStatus.Returned)
                .GroupBy(a => a.ReferralId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var overdue = await OverdueQuestionnaires(now).Where(q => ids.Contains(q.ReferralId))
                .GroupBy(q => q.ReferralId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var therapistIds = cases.SelectMany(c => c.CurrentAllocations).Select(a => a.TherapistUserId).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => therapistIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

            return cases
                .Select(c => new CaseRow(
                    c.Reference,
                    string.Join(" and ", c.People.OrderBy(p => p.Role).Select(p => $"{p.FirstName} {p.LastName}".Trim())),
                    c.Programme!.Name,
                    c.Status,
                    c.Sessions.Where(s => !s.IsCancelled && s.StartsAtUtc > now).OrderBy(s => s.StartsAtUtc).Select(s => (DateTime?)s.StartsAtUtc).FirstOrDefault(),
                    c.SessionsUsed,
                    c.Programme.MinSessions,
                    c.SessionAllowance(c.Programme),
                    alerts.GetValueOrDefault(c.Id),
                    tasks.GetValueOrDefault(c.Id),
                    returned.GetValueOrDefault(c.Id),
                    string.Join(" and ", c.CurrentAllocations.OrderBy(a => a.Role).Select(a => names.GetValueOrDefault(a.TherapistUserId, "(unknown)"))),
                    c.AllocatedAtUtc ?? c.ReceivedAtUtc,
                    overdue.GetValueOrDefault(c.Id)))
                .OrderBy(r => r.NextSessionUtc is null)
                .ThenBy(r => r.NextSessionUtc)
                .ThenBy(r => r.SinceUtc)
                .ToList();
        }
    }
}
