using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage;

/// <summary>
/// The coordinator's queue: referrals oldest first, filtered by programme, status, risk and a search for a
/// reference or a name, 25 to a page. Built to stay quick at 100,000 referrals: filters and paging run on
/// indexed columns and only the page's 25 rows are projected (no entity graphs are loaded).
/// </summary>
public static class GetTriageQueue
{
    public const int PageSize = 25;
    public const int MaxSearchLength = 100;

    /// <summary>
    /// A name search counts its matches up to this many: a common name ("Khan", "Smith") matches thousands across the
    /// programmes, counting them all is most of the page's work, and nobody pages through more than 40 pages.
    /// </summary>
    public const int MaxCountedNameMatches = 1000;

    /// <summary>The statuses shown when no status is chosen: those before the waiting list (which has its own page).</summary>
    public static readonly IReadOnlyList<ReferralStatus> OpenStatuses = ReferralWorkflow.TriageStatuses;

    public sealed class Query : IRequest<Result>
    {
        /// <summary>A programme's code; empty for every programme the user may see.</summary>
        public string? ProgrammeCode { get; set; }
        /// <summary>One status; empty for every open status.</summary>
        public ReferralStatus? Status { get; set; }
        public bool RiskOnly { get; set; }
        /// <summary>An exact reference (typed any way: "rs 7kq4 2m9p") or the start of a first or last name of either person.</summary>
        public string? Search { get; set; }
        public int PageNumber { get; set; } = 1;
    }

    public sealed record Row(
        string Reference,
        string ProgrammeName,
        ReferralRoute Route,
        ClientType ClientType,
        string PrimaryName,
        DateTime ReceivedAtUtc,
        int AgeInDays,
        bool RiskFlag,
        ReferralStatus Status,
        DateTime? LastContactAtUtc,
        int ContactAttemptCount);

    public sealed record ProgrammeOption(string Code, string Name);

    public sealed record Result(IReadOnlyList<Row> Rows, int TotalCount, int PageNumber, int PageCount, IReadOnlyList<ProgrammeOption> Programmes,
        bool MoreThanCounted = false)
    {
        public int FirstRowNumber => TotalCount == 0 ? 0 : ((PageNumber - 1) * PageSize) + 1;
        public int LastRowNumber => ((PageNumber - 1) * PageSize) + Rows.Count;
    }

    /// <summary>The programmes the user may filter by, for re-showing the filter form when the filters are not valid.</summary>
    public sealed class ProgrammesQuery : IRequest<IReadOnlyList<ProgrammeOption>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db, ReferralVisibility visibility)
        {
            RuleFor(q => q.Search).OptionalText("Search", MaxSearchLength);
            RuleFor(q => q.Status).IsInEnum().WithMessage("Select a status from the list");
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

            var referrals = scope.Apply(db.Referrals.AsNoTracking());
            if (!string.IsNullOrEmpty(request.ProgrammeCode))
            {
                var programmeId = programmes.Single(p => p.Code == request.ProgrammeCode).Id;
                referrals = referrals.Where(r => r.ProgrammeId == programmeId);
            }
            if (request.Status is { } status)
            {
                referrals = referrals.Where(r => r.Status == status);
            }
            else
            {
                var open = OpenStatuses.ToArray();
                referrals = referrals.Where(r => open.Contains(r.Status));
            }
            if (request.RiskOnly)
            {
                referrals = referrals.Where(r => r.RiskFlag);
            }
            var (filtered, searchKind) = ReferralSearch.Apply(db, referrals, request.Search);

            var total = searchKind == "name"
                ? await filtered.Take(MaxCountedNameMatches + 1).CountAsync(cancellationToken)
                : await filtered.CountAsync(cancellationToken);
            var moreThanCounted = total > MaxCountedNameMatches;
            if (moreThanCounted) total = MaxCountedNameMatches;
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(request.PageNumber, 1, pageCount);

            // Two steps, so the per-row subqueries (primary name, attempt count) run for this page only,
            // whatever the provider's plan for ORDER BY with LIMIT.
            var ids = await filtered
                .OrderBy(r => r.ReceivedAtUtc).ThenBy(r => r.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(r => r.Id)
                .ToListAsync(cancellationToken);
            var details = await db.Referrals.AsNoTracking()
                .Where(r => ids.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    r.Reference,
                    ProgrammeName = r.Programme!.Name,
                    r.Route,
                    r.ClientType,
                    FirstName = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.FirstName).FirstOrDefault(),
                    LastName = r.People.Where(p => p.Role == PersonRole.Primary).Select(p => p.LastName).FirstOrDefault(),
                    r.ReceivedAtUtc,
                    r.RiskFlag,
                    r.Status,
                    r.LastContactAtUtc,
                    Attempts = r.ContactAttempts.Count,
                })
                .ToDictionaryAsync(r => r.Id, cancellationToken);

            var rows = ids.Select(id => details[id]).Select(r => new Row(
                r.Reference, r.ProgrammeName, r.Route, r.ClientType, $"{r.FirstName} {r.LastName}".Trim(),
                r.ReceivedAtUtc, AgeInDays(r.ReceivedAtUtc, now), r.RiskFlag, r.Status, r.LastContactAtUtc, r.Attempts)).ToList();

            // Who looked at the queue, and with which filters; never the search text (it may be a name).
            audit.RecordRead(AuditActions.TriageQueueViewed, "TriageQueue", null,
                $"programme={(string.IsNullOrEmpty(request.ProgrammeCode) ? "all" : request.ProgrammeCode)}; "
                + $"status={request.Status?.ToString() ?? "open"}; risk-only={(request.RiskOnly ? "yes" : "no")}; "
                + $"search={searchKind}; page={page}; rows={rows.Count}; total={(moreThanCounted ? "over " : "")}{total}");

            return new Result(rows, total, page, pageCount, programmes.Select(p => new ProgrammeOption(p.Code, p.Name)).ToList(), moreThanCounted);
        }

        /// <summary>Same rule as <see cref="Referral.AgeInDays"/>: whole calendar days since it was received.</summary>
        private static int AgeInDays(DateTime receivedAtUtc, DateTime nowUtc) => new Referral { ReceivedAtUtc = receivedAtUtc }.AgeInDays(nowUtc);
    }

    internal sealed class ProgrammesHandler(AppDbContext db, ReferralVisibility visibility) : IRequestHandler<ProgrammesQuery, IReadOnlyList<ProgrammeOption>>
    {
        public async Task<IReadOnlyList<ProgrammeOption>> Handle(ProgrammesQuery request, CancellationToken cancellationToken) =>
            await (await visibility.ScopeAsync(cancellationToken)).Apply(db.Programmes.AsNoTracking())
                .OrderBy(p => p.Name)
                .Select(p => new ProgrammeOption(p.Code, p.Name))
                .ToListAsync(cancellationToken);
    }
}
