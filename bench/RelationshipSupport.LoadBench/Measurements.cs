using System.Diagnostics;
using System.Globalization;

namespace RelationshipSupport.LoadBench;

/// <summary>Latency percentiles of one step, in milliseconds (nearest-rank method).</summary>
internal sealed record Latency(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static Latency From(IEnumerable<long> stopwatchTicks)
    {
        var sorted = stopwatchTicks.ToArray();
        if (sorted.Length == 0) return new(0, 0, 0, 0, 0, 0);
        Array.Sort(sorted);
        return new(sorted.Length, Round(ToMs(sorted.Average(t => (double)t))), Round(ToMs(Rank(sorted, 0.50))),
            Round(ToMs(Rank(sorted, 0.95))), Round(ToMs(Rank(sorted, 0.99))), Round(ToMs(sorted[^1])));
    }

    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static double ToMs(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Round(double ms) => Math.Round(ms, 2);
}

/// <summary>
/// CPU time over the measured window, from /proc (Linux): the whole machine, the server process, and this tool.
/// On a 2-core machine the load generator competes with the server, and other builds compete with both.
/// </summary>
internal sealed class CpuSample
{
    // USER_HZ: the unit of /proc/stat and /proc/PID/stat; 100 on every mainstream Linux build.
    private const double TicksPerSecond = 100.0;

    public long Timestamp { get; private init; }
    public double MachineBusySeconds { get; private init; }
    public double MachineTotalSeconds { get; private init; }
    public double? ServerSeconds { get; private init; }
    public double ToolSeconds { get; private init; }

    public static CpuSample Take(int? serverPid)
    {
        double busy = 0, total = 0;
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal ...
            var v = cpu.Skip(1).Take(8).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            total = v.Sum() / TicksPerSecond;
            busy = total - (v[3] + v[4]) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or /proc unreadable: the CPU figures are left out.
        }
        using var self = Process.GetCurrentProcess();
        return new CpuSample
        {
            Timestamp = Stopwatch.GetTimestamp(),
            MachineBusySeconds = busy,
            MachineTotalSeconds = total,
            ServerSeconds = serverPid is { } pid ? ProcessSeconds(pid) : null,
            ToolSeconds = self.TotalProcessorTime.TotalSeconds,
        };
    }

    private static double? ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Cores' worth of CPU used by each party between two samples.</summary>
    public static CpuUse Between(CpuSample a, CpuSample b)
    {
        var seconds = (b.Timestamp - a.Timestamp) / (double)Stopwatch.Frequency;
        if (seconds <= 0) return new(0, 0, null, 0, null, 0);
        var machineTotal = b.MachineTotalSeconds - a.MachineTotalSeconds;
        var busy = b.MachineBusySeconds - a.MachineBusySeconds;
        double? server = a.ServerSeconds is { } s0 && b.ServerSeconds is { } s1 ? (s1 - s0) / seconds : null;
        var tool = (b.ToolSeconds - a.ToolSeconds) / seconds;
        var cores = machineTotal > 0 ? machineTotal / seconds : 0;
        var busyCores = busy / seconds;
        double? others = server is { } sv ? Math.Max(0, busyCores - sv - tool) : null;
        return new(Math.Round(cores, 2), Math.Round(busyCores, 2), server is null ? null : Math.Round(server.Value, 2), Math.Round(tool, 2),
            others is null ? null : Math.Round(others.Value, 2), Math.Round(seconds, 2));
    }
}

/// <summary>Average cores busy over the window: the machine, the server, this tool, everything else.</summary>
internal sealed record CpuUse(double MachineCores, double MachineBusy, double? Server, double Tool, double? Others, double WindowSeconds);

internal static class LoadAverage
{
    public static string Read()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
