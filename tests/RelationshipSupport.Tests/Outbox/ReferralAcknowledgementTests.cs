using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RelationshipSupport.Application.Referrals;
using RelationshipSupport.Domain.Referrals;
using RelationshipSupport.Infrastructure.Persistence;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Outbox;

/// <summary>A referral through the real form, to the acknowledgement in the pickup folder: sent after commit, never on rollback.</summary>
public sealed class ReferralAcknowledgementTests
{
    private const string Email = "outbox.client@example.com";

    [Fact]
    public async Task A_submitted_referral_is_acknowledged_by_email_with_its_reference_and_not_the_difficulty()
    {
        // The real background worker, woken by the handler's signal; the real pickup-folder sender.
        await using var h = OutboxHarness.Start([]);
        var client = h.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var data = ReferralFormData.SelfReferral(firstName: "Outboxia", email: Email);
        var difficulty = data["Input.Difficulty"]!;

        var form = await HtmlForm.GetAsync(client, "/refer");
        var response = await form.PostAsync(client, data);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var confirmation = await HtmlForm.ParseAsync(await client.GetAsync(response.Headers.Location));
        var reference = confirmation.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        var file = await WaitForSingleEmlAsync(h.App.MailDirectory, TimeSpan.FromSeconds(20));
        var raw = await File.ReadAllTextAsync(file);
        var mime = MimeMessage.Load(file);
        Assert.Equal(Email, Assert.Single(mime.To.Mailboxes).Address);
        Assert.Contains(reference, mime.Subject);
        Assert.Contains(reference, mime.TextBody);
        Assert.DoesNotContain(difficulty, mime.TextBody);
        Assert.DoesNotContain("stopped talking", raw);

        var row = Assert.Single(await h.AllAsync());
        Assert.Equal(ReferralEmails.AcknowledgementKind, row.Kind);
        Assert.Equal($"{row.Id:D}.eml", Path.GetFileName(file));
        await WaitUntilAsync(async () => (await h.GetAsync(row.Id)).SentAtUtc is not null, TimeSpan.FromSeconds(20));
        h.Logs.AssertNothingContains(Email, difficulty, "Outboxia");
    }

    [Fact]
    public async Task A_referral_whose_transaction_rolls_back_sends_nothing()
    {
        var rejector = new RejectReferralCommits();
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings(), configure: services =>
            services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(rejector)));
        var client = h.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var form = await HtmlForm.GetAsync(client, "/refer");
        var response = await form.PostAsync(client, ReferralFormData.SelfReferral(email: Email));

        // Every insert ran, the acknowledgement row among them; then the commit failed and all was rolled back.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, rejector.Rejected);
        Assert.Equal(1, rejector.OutboxRowsSeenInsideTheTransaction);
        Assert.Empty(await h.AllAsync());
        Assert.Equal(0, await h.App.QueryDbAsync(db => db.Referrals.CountAsync()));
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await h.Worker.ProcessDueAsync(default));
        Assert.False(Directory.Exists(h.App.MailDirectory) && Directory.EnumerateFiles(h.App.MailDirectory).Any());

        // Control: the same submission committed is acknowledged, so the silence above was the rollback's doing.
        rejector.Enabled = false;
        var retry = await HtmlForm.GetAsync(client, "/refer");
        Assert.Equal(HttpStatusCode.Redirect, (await retry.PostAsync(client, ReferralFormData.SelfReferral(email: Email))).StatusCode);
        Assert.Equal(1, await h.Worker.ProcessDueAsync(default));
        Assert.Single(Directory.GetFiles(h.App.MailDirectory, "*.eml"));
    }

    private static async Task<string> WaitForSingleEmlAsync(string directory, TimeSpan timeout)
    {
        string[] files = [];
        await WaitUntilAsync(() => Task.FromResult(
            Directory.Exists(directory) && (files = Directory.GetFiles(directory, "*.eml")).Length > 0), timeout);
        return Assert.Single(files);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Condition not met within {timeout.TotalSeconds} s");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Fails the commit of any transaction that would store a referral, after counting the acknowledgement rows the
    /// transaction had written: the database's own rollback, not a stand-in, is what the test relies on.
    /// </summary>
    private sealed class RejectReferralCommits : DbTransactionInterceptor
    {
        public volatile bool Enabled = true;
        public int Rejected;
        public long OutboxRowsSeenInsideTheTransaction;

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction,
            TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Enabled && eventData.Context?.ChangeTracker.Entries<Referral>().Any(e => e.State == EntityState.Added) == true)
            {
                await using var count = transaction.Connection!.CreateCommand();
                count.Transaction = transaction;
                count.CommandText = "SELECT COUNT(*) FROM \"OutboxMessages\"";
                OutboxRowsSeenInsideTheTransaction = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                Interlocked.Increment(ref Rejected);
                throw new InvalidOperationException("Simulated failure to commit.");
            }
            return result;
        }

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            Enabled && eventData.Context?.ChangeTracker.Entries<Referral>().Any(e => e.State == EntityState.Added) == true
                ? throw new InvalidOperationException("Simulated failure to commit (synchronous save).")
                : result;
    }
}
