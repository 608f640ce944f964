using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RelationshipSupport.LoadBench;

namespace RelationshipSupport.TriageBench;

/// <summary>
/// Coordinators reading their pages at once: each client signs in as its own coordinator and loops over the
/// scenarios (queue first page, filtered, searched by reference and by name; waiting list the same), timing
/// each response to its last byte and checking it is the page asked for. Reports p50/p95/p99 per scenario.
/// </summary>
internal static partial class Program
{
    private const double TargetP95Ms = 50;

    private sealed record Scenario(string Name, Func<Random, string> Path, string Marker);

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var url = new Uri(Option(args, "--url") ?? "http://127.0.0.1:5099");
        var clients = int.Parse(Option(args, "--clients") ?? "8", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(args, "--warmup") ?? "10", CultureInfo.InvariantCulture);
        var duration = int.Parse(Option(args, "--duration") ?? "30", CultureInfo.InvariantCulture);
        var password = Option(args, "--password") ?? "Bench-Passw0rd-1";
        var serverPid = Option(args, "--server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : (int?)null;
        // "Status Reference" per line, from seed-bench: each list is searched for references it shows.
        var samples0 = File.ReadAllLines(Option(args, "--references") ?? throw new ArgumentException("--references FILE is required"))
            .Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToList();
        string[] triageStatuses = ["Received", "Contacting", "Screening", "SuitabilityReview", "ScreeningPanel"];
        var references = samples0.Where(p => triageStatuses.Contains(p[0])).Select(p => p[1]).ToArray();
        var waitingReferences = samples0.Where(p => p[0] == "WaitingForAssessment").Select(p => p[1]).ToArray();
        if (references.Length == 0 || waitingReferences.Length == 0) throw new ArgumentException("the references file has no open or no waiting referrals");
        string[] surnames = ["Khan", "Patel-1", "Smith", "Obrien-42", "Jones-3"];

        Scenario[] scenarios =
        [
            new("queue: first page", _ => "/triage", "id=\"Search\""),
            new("queue: programme + status", _ => "/triage?ProgrammeCode=nhs-staff&Status=Contacting", "id=\"Search\""),
            new("queue: risk only, page 3", _ => "/triage?RiskOnly=true&PageNumber=3", "id=\"Search\""),
            new("queue: search by reference", r => "/triage?Search=" + Uri.EscapeDataString(references[r.Next(references.Length)]), "id=\"Search\""),
            new("queue: search by name", r => "/triage?Search=" + surnames[r.Next(surnames.Length)], "id=\"Search\""),
            new("waiting list: first page", _ => "/triage/waiting-list", "id=\"Search\""),
            new("waiting list: programme, page 2", _ => "/triage/waiting-list?ProgrammeCode=parents-in-conflict&PageNumber=2", "id=\"Search\""),
            new("waiting list: search by reference", r => "/triage/waiting-list?Search=" + Uri.EscapeDataString(waitingReferences[r.Next(waitingReferences.Length)]), "id=\"Search\""),
        ];

        Console.WriteLine($"TriageBench: {url} clients={clients} warm-up={warmup}s measured={duration}s, {references.Length} + {waitingReferences.Length} sample references");
        var samples = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        var errors = new ConcurrentBag<string>();
        var start = Stopwatch.GetTimestamp();
        var warmupEnd = start + (long)(warmup * (double)Stopwatch.Frequency);
        var end = warmupEnd + (long)(duration * (double)Stopwatch.Frequency);

        var http = new List<HttpClient>();
        for (var i = 1; i <= clients; i++)
        {
            var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
            {
                BaseAddress = url,
                Timeout = TimeSpan.FromSeconds(30),
            };
            await SignInAsync(client, $"bench.coordinator{i}@bench.test", password);
            http.Add(client);
        }

        CpuSample? first = null;
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup));
            first = CpuSample.Take(serverPid);
        });
        await Task.WhenAll(http.Select((client, index) => Task.Run(async () =>
        {
            var random = new Random(index);
            var n = index;
            while (Stopwatch.GetTimestamp() < end)
            {
                var scenario = scenarios[n++ % scenarios.Length];
                var path = scenario.Path(random);
                var t0 = Stopwatch.GetTimestamp();
                string body;
                HttpStatusCode status;
                try
                {
                    using var response = await client.GetAsync(path);
                    status = response.StatusCode;
                    body = await response.Content.ReadAsStringAsync();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    errors.Add($"{scenario.Name}: {ex.GetType().Name}");
                    continue;
                }
                var elapsed = Stopwatch.GetTimestamp() - t0;
                if (status != HttpStatusCode.OK || !body.Contains(scenario.Marker, StringComparison.Ordinal))
                {
                    errors.Add($"{scenario.Name}: {(int)status} {path}");
                    continue;
                }
                if (t0 >= warmupEnd) samples.GetOrAdd(scenario.Name, _ => []).Add(elapsed);
            }
        })));
        await sampler;
        var cpu = first is null ? null : CpuSample.Between(first, CpuSample.Take(serverPid));

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-36} {"n",6} {"mean",8} {"p50",8} {"p95",8} {"p99",8} {"max",8}  (ms)");
        var all = new List<long>();
        var results = new List<object>();
        var worstP95 = 0.0;
        foreach (var scenario in scenarios)
        {
            var ticks = samples.TryGetValue(scenario.Name, out var bag) ? bag.ToArray() : [];
            all.AddRange(ticks);
            var l = Latency.From(ticks);
            worstP95 = Math.Max(worstP95, l.P95);
            results.Add(new { scenario = scenario.Name, l.Count, l.Mean, l.P50, l.P95, l.P99, l.Max });
            Console.WriteLine($"{scenario.Name,-36} {l.Count,6} {l.Mean,8:F1} {l.P50,8:F1} {l.P95,8:F1} {l.P99,8:F1} {l.Max,8:F1}");
        }
        var overall = Latency.From(all);
        Console.WriteLine($"{"all",-36} {overall.Count,6} {overall.Mean,8:F1} {overall.P50,8:F1} {overall.P95,8:F1} {overall.P99,8:F1} {overall.Max,8:F1}");
        Console.WriteLine($"throughput: {overall.Count / (double)duration:F1} pages/s; errors: {errors.Count}");
        foreach (var e in errors.GroupBy(e => e).Take(5)) Console.WriteLine($"  error x{e.Count()}: {e.Key}");
        if (cpu is not null)
        {
            Console.WriteLine($"cpu (cores busy over the window): machine {cpu.MachineBusy} of {cpu.MachineCores}, server {cpu.Server?.ToString(CultureInfo.InvariantCulture) ?? "?"}, this tool {cpu.Tool}, others {cpu.Others?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
        }
        var met = errors.IsEmpty && worstP95 <= TargetP95Ms;
        Console.WriteLine($"target: every scenario's p95 <= {TargetP95Ms} ms with {clients} coordinators: {(met ? "MET" : "NOT MET")} (worst p95 {worstP95:F1} ms)");
        if (Option(args, "--json-out") is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { clients, duration, scenarios = results, overall, errors = errors.Count, cpu }));
        }
        return met ? 0 : 1;
    }

    private static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = Token().Match(form) is { Success: true } m ? m.Groups["v"].Value : throw new InvalidOperationException("No antiforgery token on /account/login");
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Input.Email", email),
            new("Input.Password", password),
        ]));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}: run seed-bench first");
        }
    }

    private static string? Option(string[] args, string name)
    {
        // The last occurrence wins, so options given to bench/triage.sh override the script's defaults.
        var i = Array.LastIndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*?\svalue="(?<v>[^"]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
