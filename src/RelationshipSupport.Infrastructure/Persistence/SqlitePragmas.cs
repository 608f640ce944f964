using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RelationshipSupport.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: NORMAL synchronisation is safe with WAL (set once at start-up)
/// and much faster; foreign keys are on; a busy writer is waited for rather than failed; the file is read
/// through a memory map (up to 256 MB), which saves a system call per page read on the large lists.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA cache_size=-16384;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
