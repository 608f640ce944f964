using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Auditing;
using RelationshipSupport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace RelationshipSupport.Tests.Infrastructure;

public sealed class AuditLogTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        _ = app.Services; // start the host: migrations run
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEntries.Add(new AuditEntry { AtUtc = DateTime.UtcNow, Action = "test.append-only", EntityType = "Test", EntityId = "1" });
        await db.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(a => a.Action == "test.append-only").ExecuteUpdateAsync(s => s.SetProperty(a => a.Detail, "tampered")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(a => a.Action == "test.append-only").ExecuteDeleteAsync());
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "test.append-only");
        entry.Detail = "tampered";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        using var fresh = app.Services.CreateScope();
        var stored = await fresh.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(a => a.Action == "test.append-only");
        Assert.Null(stored.Detail);
    }
}
