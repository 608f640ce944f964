using System.Diagnostics;
using System.Linq.Expressions;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Messaging;
using RelationshipSupport.Infrastructure.Email;

namespace RelationshipSupport.Infrastructure.Outbox;

/// <summary>
/// Sends queued emails. Each message is claimed with a conditional update that takes a time-limited lease,
/// and only the instance whose update changed the row sends it, so several web instances never send one
/// message twice while the lease holds. Failures are retried with exponential backoff and dead-lettered
/// after <see cref="OutboxOptions.MaxAttempts"/>. Logs carry ids, kinds, attempts and timings only: never
/// the recipient, subject or body.
/// </summary>
public sealed class OutboxWorker : BackgroundService
{
    public const int MaxErrorLength = 2000;

    private readonly IServiceScopeFactory _scopes;
    private readonly OutboxSignal _signal;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxWorker> _logger;

    public OutboxWorker(IServiceScopeFactory scopes, OutboxSignal signal, IOptions<OutboxOptions> options,
        TimeProvider clock, ILogger<OutboxWorker> logger)
    {
        _scopes = scopes;
        _signal = signal;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        var machine = Environment.MachineName;
        InstanceId = $"{(machine.Length > 100 ? machine[..100] : machine)}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    /// <summary>Written to <c>LockedBy</c> on the messages this worker holds: machine, process and a per-worker id.</summary>
    public string InstanceId { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        _logger.LogInformation("Outbox worker {InstanceId} started: poll every {PollSeconds} s, lease {LeaseSeconds} s, up to {MaxAttempts} attempts",
            InstanceId, _options.PollIntervalSeconds, _options.LeaseSeconds, _options.MaxAttempts);
        while (!stoppingToken.IsCancellationRequested)
        {
            var batchWasFull = false;
            try
            {
                var round = await RunRoundAsync(stoppingToken);
                batchWasFull = round.Due >= _options.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A database hiccup must not stop mail for good: leases expire and the next round picks up.
                _logger.LogError(ex, "Outbox round failed in {InstanceId}; retrying after the poll interval", InstanceId);
            }

            if (batchWasFull) continue;
            try
            {
                if (await _signal.WaitAsync(_options.PollInterval, stoppingToken))
                {
                    // Rung: let a busy moment's messages gather so one round claims them together.
                    await Task.Delay(_options.GatherDelay, _clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        _logger.LogInformation("Outbox worker {InstanceId} stopped", InstanceId);
    }

    /// <summary>One round: claims and sends the due messages of one batch. Returns how many this worker sent.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var round = await RunRoundAsync(cancellationToken);
        return round.Sent;
    }

    /// <summary>
    /// Claims one message for this worker if it is due and nobody holds a live lease on it: the conditional
    /// update at the heart of the worker, public so the exclusion can be tested directly.
    /// </summary>
    public async Task<bool> TryClaimAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await TryClaimAsync(db, messageId, Now(), cancellationToken);
    }

    private async Task<(int Due, int Sent)> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();

        // One statement claims the whole batch: cheaper than one claim per message under load, and just as exclusive,
        // because the outer WHERE re-checks each row as the database updates it.
        var now = Now();
        var leaseUntil = now + _options.Lease;
        var batch = db.OutboxMessages.Where(IsClaimable(now)).OrderBy(m => m.NextAttemptAtUtc).Take(_options.BatchSize).Select(m => m.Id);
        var claimed = await db.OutboxMessages
            .Where(m => batch.Contains(m.Id))
            .Where(IsClaimable(now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntilUtc, leaseUntil)
                .SetProperty(m => m.LockedBy, InstanceId), cancellationToken);
        if (claimed == 0) return (0, 0);

        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LockedBy == InstanceId && m.LockedUntilUtc == leaseUntil && m.SentAtUtc == null)
            .OrderBy(m => m.NextAttemptAtUtc)
            .ToListAsync(cancellationToken);

        // A few sends at once: each waits mostly on the mail server (or the disk), not on this machine's CPU.
        using var gate = new SemaphoreSlim(_options.MaxParallelSends);
        var results = await Task.WhenAll(messages.Select(async message =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await using var sendScope = _scopes.CreateAsyncScope();
                return await SendClaimedAsync(sendScope.ServiceProvider.GetRequiredService<AppDbContext>(), sender, message, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return (claimed, results.Count(sent => sent));
    }

    /// <summary>Unsent, not dead-lettered, due, and not leased (or the lease has run out).</summary>
    private static Expression<Func<OutboxMessage, bool>> IsClaimable(DateTime now) => m =>
        m.SentAtUtc == null
        && m.FailedAtUtc == null
        && m.NextAttemptAtUtc <= now
        && (m.LockedUntilUtc == null || m.LockedUntilUtc < now);

    private async Task<bool> TryClaimAsync(AppDbContext db, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var leaseUntil = now + _options.Lease;
        // One UPDATE ... WHERE: the database decides which instance wins; the loser changes no row.
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id)
            .Where(IsClaimable(now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedUntilUtc, leaseUntil)
                .SetProperty(m => m.LockedBy, InstanceId), cancellationToken);
        return claimed == 1;
    }

    private async Task<bool> SendClaimedAsync(AppDbContext db, IEmailSender sender, OutboxMessage message, CancellationToken cancellationToken)
    {
        var id = message.Id;
        var attempt = message.Attempts + 1;
        var started = Stopwatch.GetTimestamp();

        // A send that hangs must give up before the lease runs out, or another instance could send it too.
        var sendLimit = _options.Lease * 0.8;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(sendLimit);
            try
            {
                await sender.SendAsync(
                    new EmailMessage(message.Id, message.Kind, message.ToAddress, message.Subject, message.BodyText, message.BodyHtml,
                        message.AttachmentName is null ? null : new(message.AttachmentName, message.AttachmentContentType ?? "application/octet-stream", message.AttachmentText ?? "")),
                    limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Sending took longer than {sendLimit.TotalSeconds:0} s.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the message back without counting an attempt.
            await ReleaseAsync(db, id);
            throw;
        }
        catch (Exception ex)
        {
            await RecordFailureAsync(db, message, attempt, ex, Stopwatch.GetElapsedTime(started));
            return false;
        }

        var sentAt = Now();
        // Recorded even while shutting down: the mail has gone.
        var marked = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAtUtc == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAtUtc, sentAt)
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LockedBy, (string?)null), CancellationToken.None);
        if (marked == 0)
        {
            _logger.LogWarning("Outbox message {MessageId} ({Kind}) was also sent by another worker after this worker's lease ran out",
                id, message.Kind);
        }
        _logger.LogInformation("Sent outbox message {MessageId} ({Kind}) on attempt {Attempt} in {ElapsedMs:0} ms, {QueuedSeconds:0} s after it was queued",
            id, message.Kind, attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (sentAt - message.CreatedAtUtc).TotalSeconds);
        return true;
    }

    private async Task RecordFailureAsync(AppDbContext db, OutboxMessage message, int attempt, Exception error, TimeSpan elapsed)
    {
        var now = Now();
        var deadLetter = attempt >= _options.MaxAttempts;
        var nextAttempt = deadLetter ? message.NextAttemptAtUtc : now + _options.BackoffAfter(attempt);
        DateTime? failedAt = deadLetter ? now : null;
        var lastError = DescribeError(error, message.ToAddress);

        // Only while this worker still holds the message: after an expired lease another worker owns its state.
        var updated = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.LockedBy == InstanceId && m.SentAtUtc == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.LastError, lastError)
                .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                .SetProperty(m => m.FailedAtUtc, failedAt)
                .SetProperty(m => m.LockedUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LockedBy, (string?)null), CancellationToken.None);

        var errorType = ErrorTypeForLog(error);
        if (updated == 0)
        {
            _logger.LogWarning("Outbox message {MessageId} ({Kind}) failed on attempt {Attempt} with {ErrorType} after its lease had passed to another worker",
                message.Id, message.Kind, attempt, errorType);
        }
        else if (deadLetter)
        {
            _logger.LogError("Outbox message {MessageId} ({Kind}) dead-lettered after {Attempt} attempts; last error {ErrorType} after {ElapsedMs:0} ms",
                message.Id, message.Kind, attempt, errorType, elapsed.TotalMilliseconds);
        }
        else
        {
            _logger.LogWarning("Outbox message {MessageId} ({Kind}) failed on attempt {Attempt} of {MaxAttempts} with {ErrorType} after {ElapsedMs:0} ms; next attempt at {NextAttemptAtUtc:O}",
                message.Id, message.Kind, attempt, _options.MaxAttempts, errorType, elapsed.TotalMilliseconds, nextAttempt);
        }
    }

    private async Task ReleaseAsync(AppDbContext db, Guid id)
    {
        try
        {
            await db.OutboxMessages
                .Where(m => m.Id == id && m.LockedBy == InstanceId && m.SentAtUtc == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null)
                    .SetProperty(m => m.LockedBy, (string?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease runs out by itself.
            _logger.LogWarning("Could not release outbox message {MessageId} on shutdown: {ErrorType}", id, ex.GetType().Name);
        }
    }

    /// <summary>
    /// For <c>LastError</c>, which administrators see: exception types and messages, never the body. Servers echo
    /// the recipient in rejections, so the address is masked too (the row holds it anyway).
    /// </summary>
    public static string DescribeError(Exception error, string? recipient)
    {
        var parts = new List<string>();
        for (var e = error; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().FullName}: {e.Message}");
        }
        var text = string.Join(" ---> ", parts);
        if (!string.IsNullOrEmpty(recipient))
        {
            text = text.Replace(recipient, "[recipient]", StringComparison.OrdinalIgnoreCase);
        }
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    /// <summary>For logs: the type and, for SMTP replies, the status code. Exception messages can quote the recipient.</summary>
    private static string ErrorTypeForLog(Exception error) => error switch
    {
        SmtpCommandException smtp => $"{smtp.GetType().Name} {(int)smtp.StatusCode} {smtp.ErrorCode}",
        _ => error.GetType().Name,
    };

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;
}
