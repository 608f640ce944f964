using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Infrastructure.Seeding;

namespace RelationshipSupport.Infrastructure.Persistence;

/// <summary>Brings the database up to date on start: migrations, reference data, and demo data in Development.</summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    DatabaseOptions options,
    ReferenceDataSeeder referenceData,
    DemoDataSeeder demoData,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger)
{
    /// <param name="forceMigrate">Migrate even when MigrateOnStartup is off (the <c>migrate</c> command).</param>
    public async Task InitialiseAsync(bool forceMigrate = false, CancellationToken cancellationToken = default)
    {
        if (options.MigrateOnStartup || forceMigrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file: set once, it lets readers and the writer work at the same time.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await BackfillSearchKeysAsync(cancellationToken);
        await referenceData.SeedAsync(cancellationToken);
        if (environment.IsDevelopment() && options.SeedDemoData)
        {
            await demoData.SeedAsync(cancellationToken);
        }
        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    /// <summary>People stored before the search keys existed get them now, in batches (saving computes them).</summary>
    private async Task BackfillSearchKeysAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await db.ReferralPeople.Where(p => p.SearchLastName == "" && p.LastName != "").OrderBy(p => p.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0) return;
            foreach (var person in batch)
            {
                db.Entry(person).State = EntityState.Modified;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
