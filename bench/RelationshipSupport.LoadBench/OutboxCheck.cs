using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RelationshipSupport.LoadBench;

/// <summary>
/// Whether the acknowledgement emails kept up: the outbox worker runs inside the server and shares its CPU,
/// so a throughput bought by letting mail pile up would show here as a long drain after the load stops.
/// </summary>
internal static class OutboxCheck
{
    public sealed record Result(int Queued, int PendingAtEnd, double? DrainSeconds, int Failed);

    public static Result Run(string dbPath, TimeSpan limit)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        using var connection = new SqliteConnection(cs);
        connection.Open();
        var started = Stopwatch.GetTimestamp();
        var (queued, pendingAtEnd, failed) = Counts(connection);
        var pending = pendingAtEnd;
        while (pending > 0 && Stopwatch.GetElapsedTime(started) < limit)
        {
            Thread.Sleep(250);
            (_, pending, failed) = Counts(connection);
        }
        return new Result(queued, pendingAtEnd, pending == 0 ? Stopwatch.GetElapsedTime(started).TotalSeconds : null, failed);
    }

    private static (int Queued, int Pending, int Failed) Counts(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN SentAtUtc IS NULL AND FailedAtUtc IS NULL THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN FailedAtUtc IS NOT NULL THEN 1 ELSE 0 END), 0)
            FROM OutboxMessages
            """;
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
