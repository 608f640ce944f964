using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationshipSupport.Application.Reporting.Runs;

namespace RelationshipSupport.Infrastructure.Reporting;

/// <summary>The queue of report runs waiting for the worker (in memory; the database is the record, see <see cref="ReportWorker"/>).</summary>
public sealed class ReportQueue : IReportQueue
{
    private readonly Channel<int> _runs = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int runId) => _runs.Writer.TryWrite(runId);

    internal ChannelReader<int> Reader => _runs.Reader;
}

/// <summary>
/// Makes report PDFs one at a time, off the web server's request threads. At start it takes up runs left queued or
/// half-made by a stop, then waits for new ones. One at a time keeps a large report's memory to one report's worth.
/// </summary>
public sealed class ReportWorker(ReportQueue queue, IServiceScopeFactory scopes, ILogger<ReportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                foreach (var id in await scope.ServiceProvider.GetRequiredService<ReportRunProcessor>().PendingAsync(stoppingToken))
                {
                    queue.Enqueue(id);
                }
            }
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ReportRunProcessor>().ProcessAsync(id, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One run that could not even be marked failed (the database away, say) does not stop the worker;
                    // the run stays queued or running and is taken up again at the next start.
                    logger.LogError(e, "Report run {RunId} could not be made", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a run being made stays "running" and is taken up again at the next start.
        }
        catch (Exception e)
        {
            logger.LogError(e, "The report worker stopped");
        }
    }
}
