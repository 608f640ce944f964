using Microsoft.Data.Sqlite;

namespace RelationshipSupport.LoadBench;

/// <summary>What the database holds compared with what the people were shown.</summary>
internal sealed class StoreCheckResult
{
    public bool Ran { get; init; }
    public bool CountsPassed { get; set; }
    public bool DoubleClicksPassed { get; set; }
    public int ReferralsInDatabase { get; set; }
    public Dictionary<string, int> MarkedByPhase { get; } = [];
    public Dictionary<string, int> AcknowledgedByPhase { get; } = [];
    public int AcknowledgedChecked { get; set; }
    public int AcknowledgedMissing { get; set; }
    public int AcknowledgedDuplicated { get; set; }
    public int AcknowledgedWrongSubmission { get; set; }
    public int StoredNotAcknowledged { get; set; }
    public int DoubleClicksChecked { get; set; }
    public int DoubleClicksFailed { get; set; }
    public int ProblemCount { get; set; }
    public List<string> Problems { get; } = [];
}

/// <summary>
/// Reads the server's SQLite file after the run. Exact, because every form carries the run's marker
/// (Primary.Employer = LoadBench, Primary.JobRole = lb-RUN-PHASE) and its own SubmissionId:
/// <list type="bullet">
/// <item>every acknowledged reference is stored exactly once, on the submission the person sent;</item>
/// <item>for each phase (warm-up, measured, double-click) the referrals stored with the run's marker are exactly
///   the acknowledged ones: a stored referral nobody saw a reference for fails the check too;</item>
/// <item>each double-clicked submission is stored once, with the reference the person was shown.</item>
/// </list>
/// A POST is answered only after its transaction commits, so nothing acknowledged can still be in flight.
/// </summary>
internal static class StoreCheck
{
    private const int MaxListed = 10;

    public static StoreCheckResult Run(string dbPath, string runId, IReadOnlyList<Ack> acks,
        IReadOnlyList<Unacknowledged> unacknowledged, IReadOnlyList<DoubleClick> doubleClicks)
    {
        if (!File.Exists(dbPath)) throw new FileNotFoundException($"no SQLite file at {dbPath}", dbPath);
        var result = new StoreCheckResult { Ran = true };

        // Mode=ReadWrite: never create an empty database by mistake; only SELECTs are run.
        var cs = new SqliteConnectionStringBuilder { DataSource = dbPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        using var connection = new SqliteConnection(cs);
        connection.Open();

        var referenceCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var referencesOfSubmission = new Dictionary<Guid, List<string>>();
        var markedSubmissions = new Dictionary<Guid, string>();
        var prefix = ReferralForm.MarkerPrefix(runId);
        using (var cmd = connection.CreateCommand())
        {
            // Role 1 is PersonRole.Primary; only the primary person carries the employer the bench sends.
            cmd.CommandText = """
                SELECT r.Reference, r.SubmissionId, p.JobRole
                FROM Referrals r
                LEFT JOIN ReferralPeople p ON p.ReferralId = r.Id AND p.Role = 1 AND p.Employer = $employer
                """;
            cmd.Parameters.AddWithValue("$employer", ReferralForm.MarkerEmployer);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var reference = reader.GetString(0);
                var submission = ReadGuid(reader.GetValue(1));
                var marker = reader.IsDBNull(2) ? null : reader.GetString(2);
                result.ReferralsInDatabase++;
                referenceCount[reference] = referenceCount.GetValueOrDefault(reference) + 1;
                if (!referencesOfSubmission.TryGetValue(submission, out var list)) referencesOfSubmission[submission] = list = [];
                list.Add(reference);
                if (marker is not null && marker.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var phase = marker[prefix.Length..];
                    result.MarkedByPhase[phase] = result.MarkedByPhase.GetValueOrDefault(phase) + 1;
                    markedSubmissions[submission] = phase;
                }
            }
        }

        // 1. Each acknowledged submission: stored exactly once; where the person saw a reference, it is the one stored.
        var acknowledged = new Dictionary<Guid, Ack>();
        foreach (var ack in acks)
        {
            if (!acknowledged.TryAdd(ack.SubmissionId, ack) && acknowledged[ack.SubmissionId].Reference != ack.Reference)
            {
                Problem(result, $"submission {ack.SubmissionId} was shown two references: {acknowledged[ack.SubmissionId].Reference} and {ack.Reference}");
            }
        }
        foreach (var ack in acknowledged.Values)
        {
            var phase = PhaseName(ack.Phase);
            result.AcknowledgedByPhase[phase] = result.AcknowledgedByPhase.GetValueOrDefault(phase) + 1;
            result.AcknowledgedChecked++;
            var storedForSubmission = referencesOfSubmission.GetValueOrDefault(ack.SubmissionId)?.Count ?? 0;
            var count = ack.Reference is null ? storedForSubmission : referenceCount.GetValueOrDefault(ack.Reference);
            var what = ack.Reference is null ? $"acknowledged submission {ack.SubmissionId}" : $"acknowledged reference {ack.Reference}";
            if (count == 0)
            {
                result.AcknowledgedMissing++;
                Problem(result, $"{what} is not in the database");
            }
            else if (count > 1 || storedForSubmission > 1)
            {
                result.AcknowledgedDuplicated++;
                Problem(result, $"{what} is stored {Math.Max(count, storedForSubmission)} times");
            }
            if (ack.Reference is not null && count > 0 && (!referencesOfSubmission.TryGetValue(ack.SubmissionId, out var stored) || stored.Count != 1 || stored[0] != ack.Reference))
            {
                result.AcknowledgedWrongSubmission++;
                Problem(result, $"reference {ack.Reference} is not the one stored for submission {ack.SubmissionId}");
            }
        }

        // 2. Stored with this run's marker, per phase, equals acknowledged; list what was stored but never shown.
        var knownUnacknowledged = unacknowledged.ToDictionary(u => u.SubmissionId, u => u.Why);
        foreach (var (submission, phase) in markedSubmissions)
        {
            if (acknowledged.ContainsKey(submission)) continue;
            result.StoredNotAcknowledged++;
            Problem(result, knownUnacknowledged.TryGetValue(submission, out var why)
                ? $"{phase} submission {submission} is stored but the person saw no reference ({why})"
                : $"{phase} submission {submission} is stored but this run never sent it");
        }
        foreach (var phase in result.MarkedByPhase.Keys.Union(result.AcknowledgedByPhase.Keys))
        {
            var marked = result.MarkedByPhase.GetValueOrDefault(phase);
            var acked = result.AcknowledgedByPhase.GetValueOrDefault(phase);
            if (marked != acked) Problem(result, $"{phase}: {marked} referrals stored with the run's marker, {acked} acknowledged");
        }
        result.CountsPassed = result.ProblemCount == 0;

        // 3. Double clicks: one referral per submission, with the reference the person saw.
        foreach (var click in doubleClicks)
        {
            result.DoubleClicksChecked++;
            var stored = referencesOfSubmission.GetValueOrDefault(click.SubmissionId) ?? [];
            string? problem = click.Problem;
            if (stored.Count != 1) problem ??= $"{stored.Count} referrals stored";
            else if (click.Reference is not null && stored[0] != click.Reference) problem ??= $"stored {stored[0]}, shown {click.Reference}";
            if (problem is null) continue;
            result.DoubleClicksFailed++;
            Problem(result, $"double click ({(click.Concurrent ? "concurrent" : "sequential")}) on {click.SubmissionId}: {problem}");
        }
        result.DoubleClicksPassed = result.DoubleClicksFailed == 0;
        return result;
    }

    public static string PhaseName(Phase phase) => phase.ToString().ToLowerInvariant();

    private static Guid ReadGuid(object value) => value switch
    {
        string s => Guid.Parse(s),
        byte[] b when b.Length == 16 => new Guid(b),
        _ => throw new InvalidDataException($"unexpected SubmissionId value {value}"),
    };

    private static void Problem(StoreCheckResult result, string problem)
    {
        result.ProblemCount++;
        if (result.Problems.Count < MaxListed) result.Problems.Add(problem);
        else if (result.Problems.Count == MaxListed) result.Problems.Add("(further problems not listed)");
    }
}
