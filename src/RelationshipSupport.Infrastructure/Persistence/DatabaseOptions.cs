namespace RelationshipSupport.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, a relative <c>Data Source</c> is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=App_Data/relationship-support.db";

    /// <summary>Apply pending migrations when the app starts (default). Turn off when a migration bundle runs instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed demo users and referrals (only ever honoured in Development).</summary>
    public bool SeedDemoData { get; set; } = true;
}
