using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>
/// The waiting list: referrals waiting for assessment, priorities first and then the longest waiting, 25 to a page,
/// with how many wait and the median and longest wait (in UK calendar days) for the programme chosen.
/// Built for 100,000 referrals: filtering, ordering and paging use the index
/// (ProgrammeId, Status, IsPriority, WaitingSinceUtc); only the page's rows are projected; the median reads one or
/// two rows at an offset rather than every row.
/// </summary>
public static class GetWaitingList
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    public sealed class Query : IRequest<Result>
    {
        /// <summary>A programme's code; empty for every programme the user may see.</summary>
        public string? ProgrammeCode { get; set; }
        /// <summary>An exact reference (typed any way) or the start of a first or last name of either person.</summary>
        public string? Search { get; set; }
        public int PageNumber { get; set; } = 1;
    }

    public sealed record Row(
        string Reference,
        string PrimaryName,
        string ProgrammeName,
        ClientType ClientType,
        DateTime WaitingSinceUtc,
        int DaysWaiting,
        Availability Availability,
        SessionFormat Format,
        bool IsPriority,
        string? PriorityReason,
        bool RiskFlag);

    /// <summary>For the programme filter (not the search): how many wait, and the median and longest wait in days.</summary>
    public sealed record Statistics(int Waiting, double? MedianDays, int? LongestDays);

    public sealed record Result(
        IReadOnlyList<Row> Rows, int TotalCount, int PageNumber, int PageCount, Statistics Statistics,
        IReadOnlyList<GetTriageQueue.ProgrammeOption> Programmes)
    {
        public int FirstRowNumber => TotalCount == 0 ? 0 : ((PageNumber - 1) * PageSize) + 1;
        public int LastRowNumber => ((PageNumber - 1) * PageSize) + Rows.Count;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db, ReferralVisibility visibility)
        {
            RuleFor(q => q.Search).OptionalText("Search", MaxSearchLength);
            RuleFor(q => q.ProgrammeCode).Cascade(CascadeMode.Stop).VisibleProgrammeCode(db, visibility);
        }
    }

    internal sealed class Handler(AppDbContext db, ReferralVisibility visibility, AuditLog audit, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var scope = await visibility.ScopeAsync(cancellationToken);
            var programmes = await scope.Apply(db.Programmes.AsNoTracking())
                .OrderBy(p => p.Name)
                .Select(p => new { p.Id, p.Code, p.Name })
                .ToListAsync(cancellationToken);

            var waiting = scope.Apply(db.Referrals.AsNoTracking())
                .Where(r => r.Status == ReferralStatus.WaitingForAssessment && r.WaitingSinceUtc != null);
            if (!string.IsNullOrEmpty(request.ProgrammeCode))
            {
                var programmeId = programmes.Single(p => p.Code == request.ProgrammeCode).Id;
                waiting = waiting.Where(r => r.ProgrammeId == programmeId);
            }

            var statistics = await StatisticsAsync(waiting, now, cancellationToken);

            var (filtered, searchKind) = ReferralSearch.Apply(db, waiting, request.Search);
            var total = searchKind == "none" ? statistics.Waiting : await filtered.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(request.PageNumber, 1, pageCount);

            // Two steps, as the triage queue does: the page's ids from the index, then the page's rows only. The
            // priorities and the rest are read as two runs of the index (IsPriority, WaitingSinceUtc), each already
            // in waiting order, so no sort of the whole list is needed: the page takes what it needs from each.
            var ids = new List<int>();
            if (total > 0)
            {
                var skip = (page - 1) * PageSize;
                // Compared with parameters, not as bare boolean columns, so the databases seek on IsPriority.
                var (yes, no) = (true, false);
                var priorities = await filtered.CountAsync(r => r.IsPriority == yes, cancellationToken);
                if (skip < priorities)
                {
                    ids.AddRange(await filtered.Where(r => r.IsPriority == yes)
                        .OrderBy(r => r.WaitingSinceUtc).ThenBy(r => r.Id)
                        .Skip(skip).Take(PageSize)
                        .Select(r => r.Id)
                        .ToListAsync(cancellationToken));
                }
                if (ids.Count < PageSize)
                {
                    ids.AddRange(await filtered.Where(r => r.IsPriority == no)
                        .OrderBy(r => r.WaitingSinceUtc).ThenBy(r => r.Id)
                        .Skip(Math.Max(0, skip - priorities)).Take(PageSize - ids.Count)
                        .Select(r => r.Id)
                        .ToListAsync(cancellationToken));
                }
            }
            var details = await db.Referrals.AsNoTracking()
                .Where(r => ids.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    r.Reference,
                    ProgrammeName = r.Programme!.Name,
                    r.ClientType,
                    FirstName = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.FirstName).FirstOrDefault(),
                    LastName = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.LastName).FirstOrDefault(),
                    r.WaitingSinceUtc,
                    r.Availability,
                    r.Format,
                    r.IsPriority,
                    r.PriorityReason,
                    r.RiskFlag,
                })
                .ToDictionaryAsync(r => r.Id, cancellationToken);

            var rows = ids.Select(id => details[id]).Select(r => new Row(
                r.Reference, $"{r.FirstName} {r.LastName}".Trim(), r.ProgrammeName, r.ClientType,
                r.WaitingSinceUtc!.Value, UkTime.DaysBetween(r.WaitingSinceUtc.Value, now),
                r.Availability, r.Format, r.IsPriority, r.PriorityReason, r.RiskFlag)).ToList();

            // Who looked, with which filters; never the search text (it may be a name).
            audit.RecordRead(AuditActions.WaitingListViewed, "WaitingList", null,
                $"programme={(string.IsNullOrEmpty(request.ProgrammeCode) ? "all" : request.ProgrammeCode)}; "
                + $"search={searchKind}; page={page}; rows={rows.Count}; total={total}");

            return new Result(rows, total, page, pageCount, statistics,
                programmes.Select(p => new GetTriageQueue.ProgrammeOption(p.Code, p.Name)).ToList());
        }

        /// <summary>
        /// Count, then the middle one or two by waiting time (days waiting only grows with an earlier start, so the
        /// middle start times give the median days), then the earliest start: three small queries, no rows loaded.
        /// </summary>
        internal static async Task<Statistics> StatisticsAsync(IQueryable<Referral> waiting, DateTime now, CancellationToken ct)
        {
            var n = await waiting.CountAsync(ct);
            if (n == 0) return new Statistics(0, null, null);

            var middle = await waiting
                .OrderBy(r => r.WaitingSinceUtc).ThenBy(r => r.Id)
                .Skip(n % 2 == 1 ? n / 2 : (n / 2) - 1).Take(n % 2 == 1 ? 1 : 2)
                .Select(r => r.WaitingSinceUtc!.Value)
                .ToListAsync(ct);
            var median = middle.Average(since => (double)UkTime.DaysBetween(since, now));

            var earliest = await waiting.MinAsync(r => r.WaitingSinceUtc, ct);
            return new Statistics(n, median, UkTime.DaysBetween(earliest!.Value, now));
        }
    }
}
