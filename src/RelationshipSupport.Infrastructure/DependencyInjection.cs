using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Messaging;
using RelationshipSupport.Infrastructure.Auditing;
using RelationshipSupport.Infrastructure.Outbox;
using RelationshipSupport.Infrastructure.Persistence;
using RelationshipSupport.Infrastructure.Reminders;
using RelationshipSupport.Infrastructure.Seeding;

namespace RelationshipSupport.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The database (SQLite or SQL Server, from configuration), the outbox and the seeders.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connectionString = ResolveSqlitePath(options.ConnectionString, environment.ContentRootPath);
                services.AddDbContextPool<SqliteAppDbContext>(o => o
                    .UseSqlite(connectionString)
                    .AddInterceptors(new SqlitePragmas())
                    .ConfigureWarnings(ExpectedDatabaseErrorsAreNotErrors));
                services.AddScoped<AppDbContext>(p => p.GetRequiredService<SqliteAppDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<SqlServerAppDbContext>(o => o
                    .UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure())
                    .ConfigureWarnings(ExpectedDatabaseErrorsAreNotErrors));
                services.AddScoped<AppDbContext>(p => p.GetRequiredService<SqlServerAppDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(p => p.GetRequiredService<OutboxSignal>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<BenchDataSeeder>();
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<IAuditQueue>(p => p.GetRequiredService<AuditWriter>());
        services.AddHostedService(p => p.GetRequiredService<AuditWriter>()); // after DatabaseStartup, before the web server
        services.AddOutboxWorker(configuration); // after DatabaseStartup: hosted services start in order
        services.AddSessionReminders(configuration); // Reminders:Enabled, like Outbox:Enabled
        services.AddSingleton<RelationshipSupport.Application.Reporting.Documents.IDocumentRenderer, Pdf.SkiaPdfRenderer>(); // PDF reports
        services.AddSingleton<Reporting.ReportQueue>();
        services.AddSingleton<RelationshipSupport.Application.Reporting.Runs.IReportQueue>(p => p.GetRequiredService<Reporting.ReportQueue>());
        services.AddHostedService<Reporting.ReportWorker>(); // makes report PDFs off the request threads
        return services;
    }

    /// <summary>
    /// A failed command is logged by EF at Error level even when the caller handles it (a unique index catching a
    /// double submission, an optimistic concurrency conflict). Such failures are logged at Information here; one
    /// that is not handled still surfaces as an unhandled exception, which the host logs as an error.
    /// </summary>
    private static void ExpectedDatabaseErrorsAreNotErrors(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Information),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Information),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.OptimisticConcurrencyException, Microsoft.Extensions.Logging.LogLevel.Information));

    /// <summary>Makes a relative SQLite file path absolute under the content root and creates its folder.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            }
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}
