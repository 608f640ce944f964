namespace RelationshipSupport.Infrastructure.Outbox;

/// <summary>Configuration section <c>Outbox</c>: how the worker polls, leases and retries.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Run the background worker in this instance (default). Messages are still queued when off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the worker sleeps between rounds when nothing rings the doorbell.</summary>
    public int PollIntervalSeconds { get; set; } = 5;

    /// <summary>How long a claimed message stays reserved for the instance that claimed it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts before a message is dead-lettered (kept, with <c>FailedAtUtc</c> set, for an administrator).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Delay after the first failure; it doubles with each further failure ...</summary>
    public int BaseDelaySeconds { get; set; } = 10;

    /// <summary>... up to this.</summary>
    public int MaxDelaySeconds { get; set; } = 3600;

    /// <summary>Messages looked at per round; a full batch is followed at once by another round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Messages of one batch sent at the same time.</summary>
    public int MaxParallelSends { get; set; } = 4;

    /// <summary>After the doorbell rings, how long to wait for more messages before a round (keeps batches full under load).</summary>
    public int GatherMilliseconds { get; set; } = 50;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollIntervalSeconds);
    public TimeSpan GatherDelay => TimeSpan.FromMilliseconds(GatherMilliseconds);
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>The wait before the next attempt after <paramref name="failedAttempts"/> failures: base × 2^(n−1), capped.</summary>
    public TimeSpan BackoffAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var seconds = Math.Min((double)BaseDelaySeconds * Math.Pow(2, exponent), MaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    internal bool IsValid() =>
        PollIntervalSeconds > 0 && LeaseSeconds > 0 && MaxAttempts > 0 && BaseDelaySeconds >= 0
        && MaxDelaySeconds >= BaseDelaySeconds && BatchSize > 0 && GatherMilliseconds >= 0 && MaxParallelSends > 0;
}
