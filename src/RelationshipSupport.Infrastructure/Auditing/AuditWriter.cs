using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Auditing;

namespace RelationshipSupport.Infrastructure.Auditing;

/// <summary>
/// Empties the <see cref="IAuditQueue"/>: waits for an entry, lets a moment's entries gather
/// (<see cref="GatherDelay"/>), and writes them in one transaction, up to <see cref="MaxBatch"/> at a time. A batch that
/// fails (the database briefly unavailable) is kept and retried, so entries are not lost while the process lives; on
/// shutdown whatever is queued is written before the host stops. Logs carry counts only.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService, IAuditQueue
{
    public const int MaxBatch = 500;

    /// <summary>Entries kept for a retry after failed writes, at most; beyond this the oldest are dropped, with an error logged.</summary>
    public const int MaxPending = 100_000;

    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<AuditEntry> _queue = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly List<AuditEntry> _failed = [];

    public void Enqueue(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _queue.Writer.TryWrite(entry); // unbounded and never completed: always accepted
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!await WriteQueuedAsync(cancellationToken))
        {
            throw new InvalidOperationException("Audit entries could not be written; they are kept for a retry.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(GatherDelay, stoppingToken);
                if (!await WriteQueuedAsync(CancellationToken.None))
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!await WriteQueuedAsync(CancellationToken.None))
        {
            logger.LogCritical("{Count} audit entries could not be written before shutdown", _failed.Count + _queue.Reader.Count);
        }
    }

    /// <summary>Writes the entries that failed before and everything queued now. False if a write failed (the entries are kept).</summary>
    private async Task<bool> WriteQueuedAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var batch = new List<AuditEntry>(Math.Min(MaxBatch, _failed.Count + _queue.Reader.Count));
                batch.AddRange(_failed.Take(MaxBatch));
                _failed.RemoveRange(0, batch.Count);
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }
                if (batch.Count == 0)
                {
                    return true;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    db.AuditEntries.AddRange(batch);
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    _failed.InsertRange(0, batch.Select(Unsaved));
                    if (_failed.Count > MaxPending)
                    {
                        var dropped = _failed.Count - MaxPending;
                        _failed.RemoveRange(0, dropped);
                        logger.LogCritical("{Dropped} audit entries were dropped after repeated write failures", dropped);
                    }
                    logger.LogError(ex, "Writing {Count} audit entries failed; they will be retried", batch.Count);
                    return false;
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>A failed save may have set keys on the entries; a retry adds them as new.</summary>
    private static AuditEntry Unsaved(AuditEntry e) => new()
    {
        AtUtc = e.AtUtc,
        UserId = e.UserId,
        UserName = e.UserName,
        Action = e.Action,
        EntityType = e.EntityType,
        EntityId = e.EntityId,
        IpAddress = e.IpAddress,
        CorrelationId = e.CorrelationId,
        Detail = e.Detail,
    };
}
