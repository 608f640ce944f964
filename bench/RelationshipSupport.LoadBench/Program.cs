using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelationshipSupport.LoadBench;

internal static class Program
{
    // The target of the issue: ≥ 500 referrals/s with p99 ≤ 150 ms (GET form + POST) at 32 clients.
    private const double TargetThroughput = 500;
    private const double TargetP99Ms = 150;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            if (ex.Message != "help") await Console.Error.WriteLineAsync($"error: {ex.Message}");
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Console.WriteLine($"LoadBench run {runId}: {options.Url} clients={options.Clients} warm-up={options.WarmupSeconds}s measured={options.DurationSeconds}s");
        Console.WriteLine($"  double clicks: {options.DupClients} client(s), the first and then every {options.DupEvery}th measured cycle, at most {options.DupMaxPerClient} each");

        // Hard stop: the run's end, then at most one request timeout plus a margin to drain.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds + options.TimeoutSeconds + 5));
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        long submitted = 0;
        bool MayPost() => Interlocked.Increment(ref submitted) <= options.MaxReferrals;

        var clock = new RunClock(TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.DurationSeconds));
        var clients = Enumerable.Range(0, options.Clients).Select(i => new LoadClient(i, options, clock, runId, MayPost)).ToList();
        try
        {
            var sampler = SampleWindowAsync(clock, options.ServerPid, stop.Token);
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(stop.Token), CancellationToken.None)));
            var drainedAt = Stopwatch.GetTimestamp();
            var (cpu, loadAverage) = await sampler;
            return await ReportAsync(options, runId, clock, drainedAt, clients.Select(c => c.Result).ToList(), cpu, loadAverage);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    /// <summary>CPU samples at the start and the end of the measured window.</summary>
    private static async Task<(CpuUse? Cpu, string LoadAverage)> SampleWindowAsync(RunClock clock, int? serverPid, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Remaining(clock.WarmupEnd), ct);
            var first = CpuSample.Take(serverPid);
            await Task.Delay(Remaining(clock.End), ct);
            var last = CpuSample.Take(serverPid);
            return (CpuSample.Between(first, last), LoadAverage.Read());
        }
        catch (OperationCanceledException)
        {
            return (null, LoadAverage.Read());
        }

        static TimeSpan Remaining(long timestamp) => TimeSpan.FromSeconds(Math.Max(0, (timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
    }

    private static async Task<int> ReportAsync(BenchOptions options, string runId, RunClock clock, long drainedAt,
        List<ClientResult> results, CpuUse? cpu, string loadAverage)
    {
        var acks = results.SelectMany(r => r.Acks).ToList();
        var unacknowledged = results.SelectMany(r => r.Unacknowledged).ToList();
        var doubleClicks = results.SelectMany(r => r.DoubleClicks).ToList();
        var errors = results.SelectMany(r => r.Errors)
            .GroupBy(e => e.Key, e => e.Value)
            .ToDictionary(g => g.Key, g => g.Sum());
        var errorCount = errors.Values.Sum();
        var measured = acks.Count(a => a.Phase == Phase.Measured);
        var warmup = acks.Count(a => a.Phase == Phase.Warmup);
        var duplicates = acks.Count(a => a.Phase == Phase.Duplicate);

        // The window: from the end of the warm-up to the completion of the last cycle that started in it.
        var lastCompletion = results.Select(r => r.LastMeasuredCompletion).DefaultIfEmpty(0).Max();
        var windowSeconds = lastCompletion > clock.WarmupEnd ? (lastCompletion - clock.WarmupEnd) / (double)Stopwatch.Frequency : 0;
        var cycle = Latency.From(results.SelectMany(r => r.Cycle));
        var get = Latency.From(results.SelectMany(r => r.Get));
        var post = Latency.From(results.SelectMany(r => r.Post));
        var confirm = Latency.From(results.SelectMany(r => r.Confirm));

        // Referrals per second in the benchmark; pages per second in the profiling modes.
        var operations = options.Mode switch { BenchMode.Form => get.Count, BenchMode.Confirmation => confirm.Count, _ => measured };
        var unit = options.Mode == BenchMode.Cycle ? "referrals/s" : options.Mode == BenchMode.Form ? "GET /refer per s" : "GET /refer/Confirmation per s";
        var throughput = windowSeconds > 0 ? operations / windowSeconds : 0;

        Console.WriteLine();
        Console.WriteLine($"Referrals acknowledged (302 after commit; every {options.ConfirmEvery}. also read its reference): {measured} measured, {warmup} in the warm-up, {duplicates} double-clicked; total {acks.Count}");
        Console.WriteLine($"Measured window: {windowSeconds:0.00} s (warm-up end to the last measured completion; drained {(drainedAt - clock.End) / (double)Stopwatch.Frequency:0.00} s after the end)");
        if (options.Mode != BenchMode.Cycle) Console.WriteLine($"Profiling mode {options.Mode.ToString().ToLowerInvariant()}: only that page is loaded; not the benchmark");
        Console.WriteLine($"Throughput: {throughput:0.0} {unit}");
        Console.WriteLine($"Errors: {errorCount}");
        foreach (var (kind, count) in errors.OrderByDescending(e => e.Value)) Console.WriteLine($"  {count,7}  {kind}");
        if (results.Select(r => r.ValidationSample).FirstOrDefault(s => s is not null) is { } sample) Console.WriteLine($"  first validation message: {sample}");
        Console.WriteLine();
        Console.WriteLine("Latency, measured cycles only (ms)     n      mean     p50     p95     p99     max");
        Row("referral (GET form + POST)", cycle);
        Row("  GET /refer", get);
        Row("  POST /refer (302)", post);
        Row($"  GET /refer/Confirmation (1 in {options.ConfirmEvery})", confirm);
        if (cpu is not null)
        {
            Console.WriteLine();
            Console.WriteLine($"CPU over the measured window (average cores busy, of {cpu.MachineCores:0.##}): machine {cpu.MachineBusy:0.00}, "
                + $"server {Show(cpu.Server)}, load tool {cpu.Tool:0.00}, everything else {Show(cpu.Others)}");
            var per = options.Mode == BenchMode.Cycle ? "referral" : "request";
            if (cpu.Server is { } s && throughput > 0) Console.WriteLine($"  server CPU per {per}: {s * 1000 / throughput:0.00} ms; load tool: {cpu.Tool * 1000 / throughput:0.00} ms");
        }
        Console.WriteLine($"Load average at the end: {loadAverage}");

        var targetMet = options.Mode == BenchMode.Cycle && throughput >= TargetThroughput && cycle.Count > 0 && cycle.P99 <= TargetP99Ms;
        Console.WriteLine();
        Console.WriteLine($"Target (>= {TargetThroughput} referrals/s, referral p99 <= {TargetP99Ms} ms): {(targetMet ? "MET" : "NOT MET")} (reported, not a check)");

        // Checks: each failure makes the exit code 1.
        var checks = new List<(string Name, bool Passed, string Detail)>
        {
            options.Mode == BenchMode.Cycle
                ? ("referrals acknowledged", measured > 0, $"{measured} in the measured window")
                : ("pages measured", operations > 0, $"{operations} in the measured window"),
            ("no errors", errorCount == 0, errorCount == 0 ? "none" : $"{errorCount} errors"),
        };
        StoreCheckResult? store = null;
        if (options.DbPath is { } db)
        {
            try
            {
                var mail = OutboxCheck.Run(db, TimeSpan.FromSeconds(60));
                Console.WriteLine($"Acknowledgement emails: {mail.Queued} queued, {mail.PendingAtEnd} still to send when the load stopped, "
                    + (mail.DrainSeconds is { } drained ? $"all sent {drained:0.0} s later" : "NOT all sent within 60 s") + $"; {mail.Failed} dead-lettered");
                checks.Add(("emails keep up", mail.DrainSeconds is not null && mail.Failed == 0,
                    $"{mail.PendingAtEnd} pending at the end, drained in {(mail.DrainSeconds is { } d ? $"{d:0.0} s" : "more than 60 s")}"));
                store = StoreCheck.Run(db, runId, acks, unacknowledged, doubleClicks);
                checks.Add(("counts", store.CountsPassed,
                    $"{store.AcknowledgedChecked} acknowledged submissions each stored once (and shown their own reference where the page was read) "
                    + $"(missing {store.AcknowledgedMissing}, duplicated {store.AcknowledgedDuplicated}, wrong submission {store.AcknowledgedWrongSubmission}); "
                    + $"stored with the run's marker / acknowledged: {PerPhase(store)}; stored but never acknowledged {store.StoredNotAcknowledged}"));
                checks.Add(("double clicks", store.DoubleClicksPassed && (options.DupClients == 0 || options.Mode != BenchMode.Cycle || store.DoubleClicksChecked > 0),
                    $"{store.DoubleClicksChecked} checked ({doubleClicks.Count(d => d.Concurrent)} concurrent, {doubleClicks.Count(d => !d.Concurrent)} sequential), {store.DoubleClicksFailed} failed"));
            }
            catch (Exception ex) when (ex is FileNotFoundException or Microsoft.Data.Sqlite.SqliteException or InvalidDataException or FormatException)
            {
                checks.Add(("counts", false, $"could not read the database: {ex.Message}"));
            }
        }
        else
        {
            Console.WriteLine("(no --db: the count and duplicate checks were skipped)");
            var failedClicks = doubleClicks.Count(d => d.Problem is not null);
            checks.Add(("double clicks (as seen by the client only)", failedClicks == 0, $"{doubleClicks.Count} sent, {failedClicks} failed"));
        }

        Console.WriteLine();
        Console.WriteLine("Checks:");
        foreach (var (name, passed, detail) in checks) Console.WriteLine($"  [{(passed ? "PASS" : "FAIL")}] {name}: {detail}");
        foreach (var problem in store?.Problems ?? []) Console.WriteLine($"         - {problem}");
        var allPassed = checks.All(c => c.Passed);

        var summary = new
        {
            tool = "RelationshipSupport.LoadBench",
            runId,
            mode = options.Mode.ToString().ToLowerInvariant(),
            url = options.Url.ToString(),
            clients = options.Clients,
            warmupSeconds = options.WarmupSeconds,
            durationSeconds = options.DurationSeconds,
            windowSeconds = Math.Round(windowSeconds, 3),
            acknowledged = new { measured, warmup, doubleClicked = duplicates, total = acks.Count },
            throughputPerSecond = Math.Round(throughput, 1),
            throughputUnit = unit,
            errors = errorCount,
            errorsByKind = errors,
            latencyMs = new { cycle, get, post, confirm },
            cpu,
            loadAverage,
            target = new { throughputPerSecond = TargetThroughput, p99Ms = TargetP99Ms, met = targetMet },
            store = store is null ? null : new
            {
                store.ReferralsInDatabase,
                store.AcknowledgedChecked,
                store.AcknowledgedMissing,
                store.AcknowledgedDuplicated,
                store.AcknowledgedWrongSubmission,
                store.StoredNotAcknowledged,
                store.MarkedByPhase,
                store.AcknowledgedByPhase,
                store.DoubleClicksChecked,
                store.DoubleClicksFailed,
            },
            checks = checks.ToDictionary(c => c.Name, c => c.Passed),
            passed = allPassed,
        };
        var json = JsonSerializer.Serialize(summary, Json);
        Console.WriteLine();
        Console.WriteLine($"LOADBENCH_JSON {json}");
        if (options.JsonOut is { } path) await File.WriteAllTextAsync(path, json + Environment.NewLine);
        return allPassed ? 0 : 1;

        static void Row(string name, Latency l) =>
            Console.WriteLine($"  {name,-34} {l.Count,7} {l.Mean,8:0.0} {l.P50,7:0.0} {l.P95,7:0.0} {l.P99,7:0.0} {l.Max,7:0.0}");
        static string Show(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        static string PerPhase(StoreCheckResult s) => string.Join(", ",
            new[] { Phase.Warmup, Phase.Measured, Phase.Duplicate }.Select(StoreCheck.PhaseName)
                .Select(p => $"{p} {s.MarkedByPhase.GetValueOrDefault(p)}/{s.AcknowledgedByPhase.GetValueOrDefault(p)}"));
    }
}
