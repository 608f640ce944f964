using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Reporting;

namespace RelationshipSupport.Application.Reporting.Runs;

/// <summary>
/// Makes one queued run's PDF (called by the background worker, one run at a time): marks it running with its stage
/// for the progress line, computes the figures, draws the pages and stores the file, or stores why it failed.
/// </summary>
public sealed class ReportRunProcessor(AppDbContext db, ReportGenerator generator, TimeProvider clock, ILogger<ReportRunProcessor> logger)
{
    public async Task ProcessAsync(int runId, CancellationToken cancellationToken)
    {
        var run = await db.ReportRuns.Include(r => r.Programme).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.Status is ReportRunStatus.Ready or ReportRunStatus.Failed)
        {
            return;
        }
        run.Start(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var code = run.Programme!.Code;
            var figures = await generator.FiguresAsync(code, run.From, run.To, cancellationToken);
            run.Stage = "Drawing the pages";
            await db.SaveChangesAsync(cancellationToken);
            var narrative = ReportNarrative.Of(run);
            using var pdf = new MemoryStream();
            var pages = generator.Render(figures, run.Style, narrative, pdf);
            run.Finish(ReportGenerator.FileName(code, run.Style, run.From, run.To), pdf.ToArray(), pages, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Report run {RunId} made: {Pages} pages", run.Id, pages);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The log gets the exception (no personal data is in report figures' exceptions); the manager gets words.
            logger.LogError(e, "Report run {RunId} failed", run.Id);
            run.Fail(e is DomainException ? e.Message : "The report could not be made because of an error in the system. It has been logged; please try again, and tell your administrator if it happens again.",
                clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Runs left queued or half-made when the application stopped, oldest first: the worker starts with these.</summary>
    public async Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken) =>
        await db.ReportRuns.Where(r => r.Status == ReportRunStatus.Queued || r.Status == ReportRunStatus.Running)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
}
