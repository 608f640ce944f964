using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RelationshipSupport.Tests.Outbox;

/// <summary>
/// The outbox worker against the real app and a real SQLite file, with rounds driven by the test on the test clock.
/// Only the SMTP server is faked.
/// </summary>
public sealed class OutboxWorkerTests
{
    private const string Recipient = "alex.client@example.com";
    private const string Subject = "Your referral: RS-ABCD-2345";
    private const string Body = "Dear Alex, thank you for contacting us. Your reference is RS-ABCD-2345.";

    [Fact]
    public async Task A_failing_send_is_retried_with_growing_backoff_only_when_due_and_sent_once_when_it_recovers()
    {
        var sender = new FlakyEmailSender(failures: 2);
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings(), sender);
        var id = await h.EnqueueAsync(Recipient, Subject, Body);
        var t0 = h.Clock.GetUtcNow().UtcDateTime;

        // Attempt 1 fails: backed off by the base delay, lease released, error kept.
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        var afterFirst = await h.GetAsync(id);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(t0.AddSeconds(10), afterFirst.NextAttemptAtUtc);
        Assert.Null(afterFirst.LockedUntilUtc);
        Assert.Null(afterFirst.LockedBy);
        Assert.Null(afterFirst.SentAtUtc);
        Assert.Null(afterFirst.FailedAtUtc);
        Assert.StartsWith("System.IO.IOException: 550 5.1.1", afterFirst.LastError);
        Assert.DoesNotContain(Recipient, afterFirst.LastError);
        Assert.DoesNotContain(Body, afterFirst.LastError);

        // Not due yet: not retried, however often the worker looks.
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        h.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        Assert.Equal(1, sender.Calls);

        // Due: attempt 2 fails, and the delay doubles.
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        Assert.Equal(2, sender.Calls);
        var afterSecond = await h.GetAsync(id);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Equal(t0.AddSeconds(10 + 20), afterSecond.NextAttemptAtUtc);

        h.Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        Assert.Equal(2, sender.Calls);

        // Attempt 3 succeeds.
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await h.Worker.ProcessDueAsync(default));
        var sent = await h.GetAsync(id);
        Assert.Equal(t0.AddSeconds(30), sent.SentAtUtc);
        Assert.Equal(3, sent.Attempts);
        Assert.Null(sent.LockedUntilUtc);
        Assert.Null(sent.FailedAtUtc);

        // And never again.
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        Assert.Equal(3, sender.Calls);
        var delivered = Assert.Single(sender.Sent);
        Assert.Equal(id, delivered.Id);
        Assert.Equal(Recipient, delivered.To);
        Assert.Equal(Subject, delivered.Subject);
        Assert.Equal(Body, delivered.BodyText);

        // The worker logged what happened, by id, and nothing personal.
        Assert.Contains(h.Logs.Texts, t => t.Contains(id.ToString()) && t.Contains("attempt 3"));
        h.Logs.AssertNothingContains(Recipient, Subject, Body, "Recipient address rejected");
    }

    [Fact]
    public async Task After_the_maximum_attempts_a_message_is_dead_lettered_and_kept()
    {
        var sender = new FlakyEmailSender(failures: int.MaxValue);
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings(new()
        {
            ["Outbox:MaxAttempts"] = "4",
            ["Outbox:BaseDelaySeconds"] = "10",
            ["Outbox:MaxDelaySeconds"] = "25",
        }), sender);
        var id = await h.EnqueueAsync(Recipient, Subject, Body);
        var t0 = h.Clock.GetUtcNow().UtcDateTime;

        // Delays 10, 20, then capped at 25 (not 40).
        var expectedNext = new[] { 10, 30, 55 };
        var waits = new[] { 10, 20, 25 };
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        for (var i = 0; i < 3; i++)
        {
            var row = await h.GetAsync(id);
            Assert.Equal(i + 1, row.Attempts);
            Assert.Equal(t0.AddSeconds(expectedNext[i]), row.NextAttemptAtUtc);
            Assert.Null(row.FailedAtUtc);
            h.Clock.Advance(TimeSpan.FromSeconds(waits[i] - 1));
            Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
            Assert.Equal(i + 1, sender.Calls);
            h.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
            Assert.Equal(i + 2, sender.Calls);
        }

        var dead = await h.GetAsync(id);
        Assert.Equal(4, dead.Attempts);
        Assert.Equal(t0.AddSeconds(55), dead.FailedAtUtc);
        Assert.Null(dead.SentAtUtc);
        Assert.Null(dead.LockedUntilUtc);
        Assert.Contains("IOException", dead.LastError);
        Assert.Equal(Recipient, dead.ToAddress); // kept whole for an administrator to act on

        h.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        Assert.Equal(4, sender.Calls);
        Assert.Single(await h.AllAsync());
        Assert.Contains(h.Logs.Events, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && e.Message.Contains("dead-lettered") && e.Message.Contains(id.ToString()));
        h.Logs.AssertNothingContains(Recipient, Subject, Body);
    }

    [Fact]
    public async Task Two_workers_racing_over_the_same_messages_send_each_exactly_once()
    {
        const int count = 30;
        var sender = new FlakyEmailSender();
        // Hold the first send open until the other worker is sending too, so the two really claim and send at the
        // same time; each claims batches of 7 from the same due messages until none are left.
        var bothSending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        sender.OnSend = async (_, ct) =>
        {
            var n = Interlocked.Increment(ref started);
            if (n == 2) bothSending.TrySetResult();
            if (n <= 2) await bothSending.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
            await Task.Yield();
        };
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings(new() { ["Outbox:BatchSize"] = "7", ["Outbox:MaxParallelSends"] = "1" }), sender);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await h.EnqueueAsync($"person{i}@example.com", $"Subject {i}", $"Body {i}"));

        var first = h.NewWorker();
        var second = h.NewWorker();
        Assert.NotEqual(first.InstanceId, second.InstanceId);
        static async Task<int> DrainAsync(RelationshipSupport.Infrastructure.Outbox.OutboxWorker worker)
        {
            var total = 0;
            for (var round = 0; round < 20; round++)
            {
                var sent = await worker.ProcessDueAsync(default);
                if (sent == 0) break;
                total += sent;
            }
            return total;
        }
        var results = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        Assert.True(bothSending.Task.IsCompletedSuccessfully, "the two workers never sent at the same time");
        Assert.All(results, r => Assert.True(r > 0, "both workers should have sent something"));
        Assert.Equal(count, results.Sum());
        Assert.Equal(count, sender.Sent.Count);
        Assert.Equal(ids.Order(), sender.Sent.Select(m => m.Id).Order());
        var rows = await h.AllAsync();
        Assert.All(rows, r => Assert.NotNull(r.SentAtUtc));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task A_leased_message_is_left_to_its_holder_until_the_lease_runs_out()
    {
        var sender = new FlakyEmailSender();
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings(new() { ["Outbox:LeaseSeconds"] = "60" }), sender);
        var id = await h.EnqueueAsync();
        var crashed = h.NewWorker();
        var survivor = h.NewWorker();

        Assert.True(await crashed.TryClaimAsync(id, default));
        Assert.False(await survivor.TryClaimAsync(id, default));
        var leased = await h.GetAsync(id);
        Assert.Equal(crashed.InstanceId, leased.LockedBy);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), leased.LockedUntilUtc);

        // The holder "crashed" without sending: nobody else may send while its lease holds ...
        Assert.Equal(0, await survivor.ProcessDueAsync(default));
        h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await survivor.ProcessDueAsync(default));
        Assert.Equal(0, sender.Calls);

        // ... and once it has run out, another worker takes the message over.
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await survivor.ProcessDueAsync(default));
        Assert.Equal(id, Assert.Single(sender.Sent).Id);
        Assert.False(await crashed.TryClaimAsync(id, default));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task The_worker_runs_in_the_host_unless_switched_off(string? enabled, bool runs)
    {
        var settings = new Dictionary<string, string?>();
        if (enabled is not null) settings["Outbox:Enabled"] = enabled;
        await using var h = OutboxHarness.Start(settings);
        var hosted = h.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(runs, hosted.Contains(h.Worker));
        if (runs)
        {
            // Registered after the database start-up, so the tables exist before the first round.
            Assert.True(hosted.FindIndex(s => s.GetType().Name == "DatabaseStartup") < hosted.IndexOf(h.Worker));
        }
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(1000, 3600)]
    public void Backoff_doubles_from_the_base_delay_up_to_the_maximum(int failedAttempts, int expectedSeconds)
    {
        var options = new RelationshipSupport.Infrastructure.Outbox.OutboxOptions { BaseDelaySeconds = 10, MaxDelaySeconds = 3600 };
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.BackoffAfter(failedAttempts));
    }

    [Fact]
    public void Errors_are_truncated_and_the_recipient_is_masked()
    {
        var error = new InvalidOperationException("rejected " + Recipient.ToUpperInvariant() + " " + new string('x', 5000));
        var text = RelationshipSupport.Infrastructure.Outbox.OutboxWorker.DescribeError(error, Recipient);
        Assert.Equal(2000, text.Length);
        Assert.StartsWith("System.InvalidOperationException: rejected [recipient] xxx", text);
    }
}
