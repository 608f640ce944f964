using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Messaging;
using RelationshipSupport.Infrastructure.Email;
using RelationshipSupport.Infrastructure.Outbox;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Outbox;

/// <summary>
/// Stands in for the SMTP server, the one thing these tests fake: fails the first <c>failures</c> calls, then
/// accepts, recording what it accepted. Its error quotes the recipient, as real SMTP rejections do.
/// </summary>
public sealed class FlakyEmailSender(int failures = 0) : IEmailSender
{
    private int _calls;

    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Runs at the start of every call (before failing or accepting), e.g. to hold a send open.</summary>
    public Func<EmailMessage, CancellationToken, Task>? OnSend { get; set; }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (OnSend is not null) await OnSend(message, cancellationToken);
        if (call <= failures)
        {
            throw new IOException($"550 5.1.1 <{message.To}>: Recipient address rejected (simulated failure {call})");
        }
        Sent.Enqueue(message);
    }
}

/// <summary>
/// Collects everything the app logs through <c>ILogger</c>: message, structured values and exception. Installed as the
/// app's whole <see cref="ILoggerFactory"/>, because the Serilog factory the app uses writes through the process-wide
/// static logger, which test hosts running in parallel overwrite (see the report accompanying these tests).
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, string Values, Exception? Exception)
    {
        public string Text => $"{Category} {Message} {Values} {Exception}";
    }

    public ConcurrentQueue<Entry> Events { get; } = new();

    public IEnumerable<string> Texts => Events.Select(e => e.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    public void AssertNothingContains(params string[] secrets)
    {
        Assert.NotEmpty(Events);
        foreach (var secret in secrets)
        {
            var leaks = Texts.Where(t => t.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"A log event contains \"{secret}\": {leaks.FirstOrDefault()}");
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            capture.Events.Enqueue(new Entry(category, logLevel, formatter(state, exception), values, exception));
        }
    }
}

/// <summary>A test app (own database and clock) with the email sender replaced and the logs captured.</summary>
public sealed class OutboxHarness : IAsyncDisposable
{
    private OutboxHarness(TestApp app, WebApplicationFactory<Program> factory, IEmailSender sender, LogCapture logs)
    {
        App = app;
        Factory = factory;
        Sender = sender;
        Logs = logs;
    }

    public TestApp App { get; }
    public WebApplicationFactory<Program> Factory { get; }
    public IEmailSender Sender { get; }
    public LogCapture Logs { get; }
    public IServiceProvider Services => Factory.Services;
    public TestClock Clock => App.Clock;

    /// <summary>The app's own worker (a singleton; with <c>Outbox:Enabled=false</c> nothing else runs it).</summary>
    public OutboxWorker Worker => Services.GetRequiredService<OutboxWorker>();

    /// <summary>
    /// Starts an app with the given settings. <paramref name="sender"/> replaces the real sender when given;
    /// otherwise the configured one (the pickup folder) is used.
    /// </summary>
    public static OutboxHarness Start(Dictionary<string, string?> settings, IEmailSender? sender = null,
        Action<IServiceCollection>? configure = null)
    {
        var app = TestApp.With(settings);
        var logs = new LogCapture();
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<ILoggerFactory>();
            services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
            if (sender is not null)
            {
                services.RemoveAll<IEmailSender>();
                services.AddSingleton(sender);
            }
            configure?.Invoke(services);
        }));
        var resolvedSender = factory.Services.GetRequiredService<IEmailSender>();
        return new OutboxHarness(app, factory, resolvedSender, logs);
    }

    public static Dictionary<string, string?> ManualSettings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            // These tests drive rounds themselves; the background worker would race them.
            ["Outbox:Enabled"] = "false",
            ["Outbox:LeaseSeconds"] = "60",
            ["Outbox:MaxAttempts"] = "12",
            ["Outbox:BaseDelaySeconds"] = "10",
            ["Outbox:MaxDelaySeconds"] = "3600",
        };
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return settings;
    }

    /// <summary>A second, independent worker (its own instance id), as another web instance would run.</summary>
    public OutboxWorker NewWorker() => ActivatorUtilities.CreateInstance<OutboxWorker>(Services);

    /// <summary>Queues an email the way handlers do: through <see cref="Application.Messaging.Outbox"/> and one SaveChanges.</summary>
    public async Task<Guid> EnqueueAsync(string to = "client@example.com", string subject = "Your referral: RS-TEST-0001",
        string body = "Dear Client, your reference is RS-TEST-0001.", Application.Messaging.TextAttachment? attachment = null)
    {
        using var scope = Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Application.Messaging.Outbox>();
        var message = outbox.Enqueue("test-kind", to, subject, body, attachment: attachment);
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return message.Id;
    }

    public async Task<OutboxMessage> GetAsync(Guid id)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<List<OutboxMessage>> AllAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await App.DisposeAsync();
    }
}
