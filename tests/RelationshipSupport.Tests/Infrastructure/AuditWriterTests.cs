using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Auditing;
using RelationshipSupport.Infrastructure.Auditing;
using RelationshipSupport.Tests.Support;

namespace RelationshipSupport.Tests.Infrastructure;

/// <summary>The writer behind <see cref="AuditLog.RecordRead"/>: entries of reads reach the table without anyone flushing, and none are lost when the app stops.</summary>
public sealed class AuditWriterTests
{
    [Fact]
    public async Task An_entry_of_a_read_reaches_the_audit_table_on_its_own()
    {
        using var app = new TestApp();
        var action = "test.read-" + Guid.NewGuid().ToString("N")[..8];
        app.Services.GetRequiredService<IAuditQueue>().Enqueue(Entry(action));

        // No flush: the background writer must pick it up (it gathers for a quarter of a second).
        long found = 0;
        for (var i = 0; i < 100 && found == 0; i++)
        {
            await Task.Delay(100);
            found = await CountAsync(app, action);
        }
        Assert.Equal(1, found);
    }

    [Fact]
    public async Task Entries_still_queued_are_written_when_the_app_stops()
    {
        using var app = new TestApp();
        var queue = app.Services.GetRequiredService<IAuditQueue>();
        var action = "test.shutdown-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++) queue.Enqueue(Entry(action));

        // What the host does on shutdown, straight after the entries were queued (inside the gathering delay).
        await app.Services.GetRequiredService<AuditWriter>().StopAsync(CancellationToken.None);

        Assert.Equal(3, await CountAsync(app, action));
    }

    private static AuditEntry Entry(string action) =>
        new() { AtUtc = DateTime.UtcNow, Action = action, EntityType = "Test", UserName = "tester" };

    private static async Task<long> CountAsync(TestApp app, string action)
    {
        // Straight to the database, not through TestApp.QueryDbAsync (which flushes the queue first).
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.LongCountAsync(a => a.Action == action);
    }
}
