using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Cases.Sessions;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Infrastructure.Reminders;

/// <summary>Configuration section <c>Reminders</c>: the day-before session reminders.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Run the reminder worker in this instance (default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between rounds.</summary>
    public int IntervalMinutes { get; set; } = 15;
}

/// <summary>
/// Every <see cref="ReminderOptions.IntervalMinutes"/> minutes, queues a reminder email for each session starting
/// tomorrow (UK date) that is not cancelled, on an open case, and has had none: to the expected clients who agreed to
/// email contact (<see cref="SessionEmails.MayEmail"/>). Each session is claimed with a conditional update of
/// <c>ReminderSentAtUtc</c> inside the transaction that queues its emails, so with several instances a session gets
/// one reminder, and a failed round leaves it for the next. Logs carry counts only.
/// </summary>
public sealed class SessionReminderWorker(
    IServiceScopeFactory scopes, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<SessionReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Session reminder round failed; retrying in {IntervalMinutes} minutes", interval.TotalMinutes);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round: returns how many reminder emails this instance queued.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tomorrow = UkTime.DateOf(now).AddDays(1);
        var fromUtc = UkTime.ToUtc(tomorrow, TimeOnly.MinValue)!.Value;
        var toUtc = UkTime.ToUtc(tomorrow.AddDays(1), TimeOnly.MinValue)!.Value;

        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.TherapySessions.AsNoTracking()
                .Where(s => s.ReminderSentAtUtc == null && s.StartsAtUtc >= fromUtc && s.StartsAtUtc < toUtc
                    && s.Attendance != AttendanceOutcome.CancelledByClient && s.Attendance != AttendanceOutcome.CancelledByService)
                .Join(db.Referrals.Where(r => r.Status == ReferralStatus.InTherapy), s => s.ReferralId, r => r.Id, (s, r) => s.Id)
                .ToListAsync(cancellationToken);
        }

        var queued = 0;
        foreach (var id in due)
        {
            queued += await RemindAsync(id, now, cancellationToken);
        }
        if (queued > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IOutboxSignal>().Notify();
        }
        if (due.Count > 0)
        {
            logger.LogInformation("Session reminders: {Sessions} sessions due, {Emails} emails queued", due.Count, queued);
        }
        return queued;
    }

    private async Task<int> RemindAsync(int sessionId, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<RelationshipSupport.Application.Messaging.Outbox>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The claim: one UPDATE ... WHERE ReminderSentAtUtc IS NULL; another instance's claim changes no row.
            var claimed = await db.TherapySessions
                .Where(s => s.Id == sessionId && s.ReminderSentAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ReminderSentAtUtc, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return 0;
            }
            var session = await db.TherapySessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
            var referral = await db.Referrals.AsNoTracking().Include(r => r.People).Include(r => r.Programme)
                .SingleAsync(r => r.Id == session.ReferralId, cancellationToken);
            var recipients = SessionEmails.Recipients(referral, session);
            foreach (var person in recipients)
            {
                var (subject, body) = SessionEmails.Reminder(referral.Programme!.Name, person.FirstName, session);
                outbox.Enqueue(SessionEmails.ReminderKind, person.Email!.Trim(), subject, body);
            }
            audit.Record(AuditActions.SessionRemindersQueued, "Referral", referral.Reference, $"session={session.Id}; emails={recipients.Count}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return recipients.Count;
        });
    }
}

public static class ReminderRegistration
{
    /// <summary>The reminder worker; <c>Reminders:Enabled=false</c> leaves it out of the host (it can still be resolved and run by hand).</summary>
    public static IServiceCollection AddSessionReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ReminderOptions.Section);
        services.AddOptions<ReminderOptions>().Bind(section)
            .Validate(o => o.IntervalMinutes > 0, "Reminders:IntervalMinutes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SessionReminderWorker>();
        if (section.GetValue(nameof(ReminderOptions.Enabled), defaultValue: true))
        {
            services.AddHostedService(p => p.GetRequiredService<SessionReminderWorker>());
        }
        return services;
    }
}
