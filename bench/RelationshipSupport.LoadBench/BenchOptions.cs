using System.Globalization;
using System.Net;

namespace RelationshipSupport.LoadBench;

/// <summary>What each client loops on: the whole referral (the benchmark), or one page alone (to see what each costs).</summary>
internal enum BenchMode
{
    Cycle,
    Form,
    Confirmation,
}

/// <summary>Command-line options. Every run is bounded in time (warm-up + duration + drain) and in count (max-referrals).</summary>
internal sealed class BenchOptions
{
    public Uri Url { get; private set; } = new("http://127.0.0.1:5099");
    public int Clients { get; private set; } = 32;
    public int DurationSeconds { get; private set; } = 30;
    public int WarmupSeconds { get; private set; } = 15;
    public int ConfirmEvery { get; private set; } = 10;
    public string? DbPath { get; private set; }
    public int DupClients { get; private set; } = 4;
    public int DupEvery { get; private set; } = 20;
    public int DupMaxPerClient { get; private set; } = 10;
    public int? ServerPid { get; private set; }
    public int MaxReferrals { get; private set; } = 1_000_000;
    public int TimeoutSeconds { get; private set; } = 30;
    public string? JsonOut { get; private set; }
    public BenchMode Mode { get; private set; } = BenchMode.Cycle;

    public const string Usage = """
        RelationshipSupport.LoadBench: drives the public self-referral form (/refer) and checks what was stored.

          --url URL            server to load; loopback only (default http://127.0.0.1:5099)
          --clients N          concurrent clients, each with its own HttpClient and cookies (default 32)
          --duration S         measured seconds, after the warm-up (default 30)
          --warmup S           warm-up seconds, not in the latency or throughput figures (default 15)
          --confirm-every N    also open the confirmation page and read the reference on every N-th referral
                               (default 10; 1 = every referral). A referral is acknowledged by the server's 302.
          --db PATH            the server's SQLite file: enables the count and duplicate checks
          --dup-clients N      how many clients also send double-clicked forms (default 4)
          --dup-every N        a dup client double-clicks on its first measured cycle, then every N-th (default 20)
          --dup-max N          at most N double-clicks per dup client (default 10)
          --server-pid PID     the server process, to report its CPU time over the measured window (Linux)
          --max-referrals N    hard cap on forms submitted, whatever the duration (default 1000000)
          --timeout S          per-request timeout (default 30)
          --json-out PATH      also write the JSON summary to this file
          --mode MODE          cycle (default): GET /refer, POST, GET confirmation, the benchmark itself;
                               form: GET /refer only; confirmation: one referral per client, then GET
                               /refer/Confirmation only. The last two are for profiling: they show what one
                               page costs the server alone (requests/s, latency, server CPU per request).

        Exit code: 0 all checks passed; 1 a check failed (errors, counts, duplicates); 2 bad arguments.
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") throw new ArgumentException("help");
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--url": o.Url = new Uri(value, UriKind.Absolute); break;
                case "--clients": o.Clients = Positive(name, value); break;
                case "--duration": o.DurationSeconds = Positive(name, value); break;
                case "--warmup": o.WarmupSeconds = NonNegative(name, value); break;
                case "--db": o.DbPath = value; break;
                case "--dup-clients": o.DupClients = NonNegative(name, value); break;
                case "--confirm-every": o.ConfirmEvery = Positive(name, value); break;
                case "--dup-every": o.DupEvery = Positive(name, value); break;
                case "--dup-max": o.DupMaxPerClient = NonNegative(name, value); break;
                case "--server-pid": o.ServerPid = Positive(name, value); break;
                case "--max-referrals": o.MaxReferrals = Positive(name, value); break;
                case "--timeout": o.TimeoutSeconds = Positive(name, value); break;
                case "--json-out": o.JsonOut = value; break;
                case "--mode":
                    o.Mode = Enum.TryParse<BenchMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                        ? mode : throw new ArgumentException($"--mode is cycle, form or confirmation, not '{value}'");
                    break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        // Load is only ever sent to this machine.
        if (!IsLoopback(o.Url)) throw new ArgumentException($"--url must be a loopback address (127.0.0.0/8, ::1 or localhost), not {o.Url.Host}");
        if (o.Url.Scheme != Uri.UriSchemeHttp && o.Url.Scheme != Uri.UriSchemeHttps) throw new ArgumentException("--url must be http or https");
        if (o.DurationSeconds > 3600 || o.WarmupSeconds > 600) throw new ArgumentException("--duration is at most 3600 s and --warmup at most 600 s");
        if (o.Clients > 1024) throw new ArgumentException("--clients is at most 1024");
        o.DupClients = Math.Min(o.DupClients, o.Clients);
        return o;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static int Positive(string name, string value)
    {
        var n = NonNegative(name, value);
        return n > 0 ? n : throw new ArgumentException($"{name} must be at least 1");
    }

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new ArgumentException($"{name} must be a whole number, not '{value}'");
}
