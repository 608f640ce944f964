using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;
using RelationshipSupport.Domain.Reporting;

namespace RelationshipSupport.Application.Reporting.Runs;

/// <summary>A report run as the pages show it (never its file's bytes).</summary>
public sealed record ReportRunSummary(
    int Id, string ProgrammeCode, string ProgrammeName, ReportStyle Style, DateOnly From, DateOnly To,
    string RequestedByName, DateTime RequestedAtUtc, ReportRunStatus Status, string? Stage,
    DateTime? StartedAtUtc, DateTime? CompletedAtUtc, string? FileName, int? PageCount, string? Error);

/// <summary>The reports page's lists: programmes to choose from and the latest runs.</summary>
public static class GetReportRuns
{
    public const int Latest = 20;

    public sealed record Query : IRequest<Result>;

    public sealed record Programme(string Code, string Name, ReportStyle Style);

    public sealed record Result(IReadOnlyList<Programme> Programmes, IReadOnlyList<ReportRunSummary> Runs);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            ReportAccess.EnsureAllowed(user);
            var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name)
                .Select(p => new Programme(p.Code, p.Name, p.ReportStyle)).ToListAsync(cancellationToken);
            var runs = await ReportRunQueries.Summaries(db.ReportRuns.AsNoTracking()
                .OrderByDescending(r => r.RequestedAtUtc).ThenByDescending(r => r.Id).Take(Latest)).ToListAsync(cancellationToken);
            return new Result(programmes, runs);
        }
    }
}

/// <summary>One run's state, for the page that waits for it.</summary>
public static class GetReportRun
{
    public sealed record Query(int Id) : IRequest<ReportRunSummary>;

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, ReportRunSummary>
    {
        public async Task<ReportRunSummary> Handle(Query request, CancellationToken cancellationToken)
        {
            ReportAccess.EnsureAllowed(user);
            return await ReportRunQueries.Summaries(db.ReportRuns.AsNoTracking().Where(r => r.Id == request.Id)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("ReportRun", request.Id);
        }
    }
}

/// <summary>The finished PDF; each download is audited.</summary>
public static class GetReportFile
{
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(string FileName, byte[] Content);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            ReportAccess.EnsureAllowed(user);
            var file = await db.ReportRuns.AsNoTracking()
                .Where(r => r.Id == request.Id && r.Status == ReportRunStatus.Ready && r.Content != null)
                .Select(r => new Result(r.FileName!, r.Content!)).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("ReportRun", request.Id);
            audit.RecordRead(AuditActions.ReportDownloaded, "ReportRun", request.Id);
            await db.SaveChangesAsync(cancellationToken);
            return file;
        }
    }
}

/// <summary>The figures of a programme and period before a report is asked for, with the narrative it would start from.</summary>
public static class PreviewReport
{
    public sealed record Query(string ProgrammeCode, DateOnly From, DateOnly To) : IRequest<Result>;

    public sealed record Result(ReportFigures Figures, ReportNarrative Narrative, ReportStyle Style);

    internal sealed class Handler(AppDbContext db, ReportGenerator generator, ICurrentUser user, AuditLog audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            ReportAccess.EnsureAllowed(user);
            var figures = await generator.FiguresAsync(request.ProgrammeCode, request.From, request.To, cancellationToken);
            var narrative = await generator.NarrativeAsync(request.ProgrammeCode, request.From, request.To, cancellationToken);
            var style = await generator.StyleOfAsync(request.ProgrammeCode, cancellationToken);
            audit.RecordRead(AuditActions.ReportFiguresViewed, "Programme", request.ProgrammeCode,
                string.Create(CultureInfo.InvariantCulture, $"from={request.From:yyyy-MM-dd} to={request.To:yyyy-MM-dd}"));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(figures, narrative, style);
        }
    }
}

internal static class ReportRunQueries
{
    public static IQueryable<ReportRunSummary> Summaries(IQueryable<ReportRun> runs) => runs.Select(r => new ReportRunSummary(
        r.Id, r.Programme!.Code, r.Programme.Name, r.Style, r.From, r.To, r.RequestedByName, r.RequestedAtUtc, r.Status, r.Stage,
        r.StartedAtUtc, r.CompletedAtUtc, r.FileName, r.PageCount, r.Error));
}
