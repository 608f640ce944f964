using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelationshipSupport.LoadBench;

/// <summary>Timing of the run, shared by every client: one clock, the end of the warm-up, the end of the run.</summary>
internal sealed class RunClock(TimeSpan warmup, TimeSpan duration)
{
    public long Start { get; } = Stopwatch.GetTimestamp();
    public long WarmupEnd => Start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
    public long End => WarmupEnd + (long)(duration.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>
/// A submission the server acknowledged (302 to the confirmation page), with the reference the person saw when
/// this cycle also opened the confirmation page (null otherwise).
/// </summary>
internal sealed record Ack(string? Reference, Guid SubmissionId, Phase Phase);

/// <summary>A form that was posted but whose reference the person did not see (an error after the POST was sent).</summary>
internal sealed record Unacknowledged(Guid SubmissionId, Phase Phase, string Why);

/// <summary>One simulated double click: the same form posted twice, at once or one after the other.</summary>
internal sealed record DoubleClick(Guid SubmissionId, bool Concurrent, string? Reference, string? SecondReference, string? Problem);

/// <summary>What one client saw; merged after the run, so no locks while it runs.</summary>
internal sealed class ClientResult
{
    public List<long> Get { get; } = new(4096);
    public List<long> Post { get; } = new(4096);
    public List<long> Confirm { get; } = new(4096);
    public List<long> Cycle { get; } = new(4096);
    public List<Ack> Acks { get; } = new(4096);
    public List<Unacknowledged> Unacknowledged { get; } = [];
    public List<DoubleClick> DoubleClicks { get; } = [];
    public Dictionary<string, int> Errors { get; } = [];
    public long LastMeasuredCompletion { get; set; }
    public string? ValidationSample { get; set; }

    private readonly Lock _errorsLock = new();

    /// <summary>Counts an error; locked because the two POSTs of a double click may finish at the same time.</summary>
    public void Error(string kind)
    {
        lock (_errorsLock) Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
    }
}

/// <summary>
/// One person after another at one browser: its own connection pool and cookie jar, no automatic redirects.
/// Loops GET /refer → POST /refer → GET /refer/Confirmation until the run ends.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private readonly int _index;
    private readonly BenchOptions _options;
    private readonly RunClock _clock;
    private readonly string _runId;
    private readonly Func<bool> _mayPost;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private readonly Uri _form;
    private readonly Uri _confirmation;
    private long _sequence;
    private long _cycles;
    private int _doubleClicks;

    public ClientResult Result { get; } = new();

    public LoadClient(int index, BenchOptions options, RunClock clock, string runId, Func<bool> mayPost)
    {
        _index = index;
        _options = options;
        _clock = clock;
        _runId = runId;
        _mayPost = mayPost;
        _form = new Uri(options.Url, "/refer");
        _confirmation = new Uri(options.Url, "/refer/Confirmation");
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = _cookies,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    }

    private bool IsDuplicateClient => _index < _options.DupClients;

    public async Task RunAsync(CancellationToken ct)
    {
        switch (_options.Mode)
        {
            case BenchMode.Form: await RunPageOnlyAsync(FormOnceAsync, ct); return;
            case BenchMode.Confirmation: await RunPageOnlyAsync(ConfirmationOnceAsync, ct); return;
        }

        var measuredCycles = 0;
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= _clock.End || !_mayPost()) break;
            var phase = started < _clock.WarmupEnd ? Phase.Warmup : Phase.Measured;
            bool ok;
            if (phase == Phase.Measured && IsDuplicateClient && _doubleClicks < _options.DupMaxPerClient
                && measuredCycles++ % _options.DupEvery == 0)
            {
                // The first measured cycle of a dup client, then every N-th: so even a slow run checks some.
                // Every other double click is two POSTs in flight at once (the race), the others one after the other.
                ok = await DoubleClickAsync(concurrent: _doubleClicks++ % 2 == 0, ct);
            }
            else
            {
                ok = await CycleAsync(phase, started, ct);
            }
            if (!ok)
            {
                // A failing server must not turn the loop into a busy spin.
                try { await Task.Delay(20, ct); } catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>Profiling modes: one page, again and again; its latency is recorded in the measured window.</summary>
    private async Task RunPageOnlyAsync(Func<Phase, long, CancellationToken, Task<bool>> once, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= _clock.End) break;
            var phase = started < _clock.WarmupEnd ? Phase.Warmup : Phase.Measured;
            if (!await once(phase, started, ct))
            {
                try { await Task.Delay(20, ct); } catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task<bool> FormOnceAsync(Phase phase, long started, CancellationToken ct)
    {
        if (await OpenFormAsync(ct) is null) return false;
        if (phase == Phase.Measured) Measured(Result.Get, started);
        return true;
    }

    private string? _shownReference;

    private async Task<bool> ConfirmationOnceAsync(Phase phase, long started, CancellationToken ct)
    {
        if (_shownReference is null)
        {
            // One real referral puts the reference in this client's TempData cookie; the page then shows it again on each visit.
            if (!_mayPost() || !await CycleAsync(Phase.Warmup, started, ct)) return false;
            _shownReference = Result.Acks[^1].Reference;
            return true;
        }
        var reference = await ReadReferenceAsync(ct);
        if (reference != _shownReference)
        {
            if (reference is not null) Result.Error("GET /refer/Confirmation: showed another reference");
            return false;
        }
        if (phase == Phase.Measured) Measured(Result.Confirm, started);
        return true;
    }

    private void Measured(List<long> into, long started)
    {
        var done = Stopwatch.GetTimestamp();
        into.Add(done - started);
        Result.LastMeasuredCompletion = done;
    }

    /// <summary>One person: open the form, send it, read the reference.</summary>
    private async Task<bool> CycleAsync(Phase phase, long started, CancellationToken ct)
    {
        var form = await OpenFormAsync(ct);
        if (form is null) return false;
        var afterGet = Stopwatch.GetTimestamp();

        var fields = ReferralForm.Fields(form.Value.Token, form.Value.SubmissionId.ToString(), _runId, _index, ++_sequence, phase);
        var posted = await PostAsync(fields, ct);
        var afterPost = Stopwatch.GetTimestamp();
        if (!posted)
        {
            Result.Unacknowledged.Add(new(form.Value.SubmissionId, phase, "POST did not answer 302"));
            return false;
        }

        // The 302 is the server's acknowledgement: the referral is committed. Every N-th person also reads the
        // confirmation page, which must show the reference stored for their submission.
        string? reference = null;
        var confirm = ++_cycles % _options.ConfirmEvery == 0;
        if (confirm)
        {
            reference = await ReadReferenceAsync(ct);
            if (reference is null)
            {
                Result.Unacknowledged.Add(new(form.Value.SubmissionId, phase, "confirmation showed no reference"));
                return false;
            }
        }
        var done = Stopwatch.GetTimestamp();

        Result.Acks.Add(new(reference, form.Value.SubmissionId, phase));
        if (phase == Phase.Measured)
        {
            Result.Get.Add(afterGet - started);
            Result.Post.Add(afterPost - afterGet);
            Result.Cycle.Add(afterPost - started);
            if (confirm) Result.Confirm.Add(done - afterPost);
            Result.LastMeasuredCompletion = done;
        }
        return true;
    }

    /// <summary>The same form sent twice, as a double click would: the person must see one reference, and one referral be stored.</summary>
    private async Task<bool> DoubleClickAsync(bool concurrent, CancellationToken ct)
    {
        var form = await OpenFormAsync(ct);
        if (form is null) return false;
        var id = form.Value.SubmissionId;
        var fields = ReferralForm.Fields(form.Value.Token, id.ToString(), _runId, _index, ++_sequence, Phase.Duplicate);

        string? first, second = null;
        if (concurrent)
        {
            ExpireTempData();
            var a = SendPostAsync(fields, ct);
            var b = SendPostAsync(fields, ct);
            var codes = await Task.WhenAll(a, b);
            if (codes.Any(c => c != "302"))
            {
                Record(id, concurrent, null, null, $"double POST answered {string.Join(" and ", codes)}");
                return false;
            }
            first = await ReadReferenceAsync(ct);
        }
        else
        {
            if (!await PostAsync(fields, ct)) { Record(id, concurrent, null, null, "first POST did not answer 302"); return false; }
            first = await ReadReferenceAsync(ct);
            if (!await PostAsync(fields, ct)) { Record(id, concurrent, first, null, "second POST did not answer 302"); return false; }
            second = await ReadReferenceAsync(ct);
        }

        string? problem = null;
        if (first is null) problem = "confirmation showed no reference";
        else if (!concurrent && second != first) problem = $"second POST showed reference {second ?? "(none)"}, the first {first}";
        Record(id, concurrent, first, second, problem);
        return problem is null;

        void Record(Guid submission, bool both, string? r1, string? r2, string? why)
        {
            Result.DoubleClicks.Add(new(submission, both, r1, r2, why));
            if (r1 is not null) Result.Acks.Add(new(r1, submission, Phase.Duplicate));
            else Result.Unacknowledged.Add(new(submission, Phase.Duplicate, why ?? "no reference"));
        }
    }

    private async Task<(string Token, Guid SubmissionId)?> OpenFormAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(_form, ct);
            var html = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Result.Error($"GET /refer answered {(int)response.StatusCode}");
                return null;
            }
            var token = ReferralForm.Find(ReferralForm.Token(), html);
            var id = ReferralForm.Find(ReferralForm.SubmissionId(), html);
            if (token is null || id is null || !Guid.TryParse(id, out var submissionId))
            {
                Result.Error("GET /refer: no antiforgery token or submission id in the page");
                return null;
            }
            return (token, submissionId);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            Result.Error($"GET /refer: {Describe(ex, ct)}");
            return null;
        }
    }

    /// <summary>Posts the form; true when the server answered 302 to the confirmation page.</summary>
    private async Task<bool> PostAsync(List<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        ExpireTempData();
        return await SendPostAsync(fields, ct) == "302";
    }

    /// <summary>"302" for the expected answer, else what went wrong (also counted as an error).</summary>
    private async Task<string> SendPostAsync(List<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        try
        {
            using var content = new FormUrlEncodedContent(fields);
            using var response = await _http.PostAsync(_form, content, ct);
            var status = (int)response.StatusCode;
            if (status == 302 && response.Headers.Location is { } location
                && location.OriginalString.EndsWith("/refer/Confirmation", StringComparison.OrdinalIgnoreCase))
            {
                return "302";
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            var kind = status switch
            {
                302 => $"POST /refer answered 302 to {response.Headers.Location}",
                200 => "POST /refer answered 200 (form shown again: validation failed)",
                400 => "POST /refer answered 400 (antiforgery?)",
                429 => "POST /refer answered 429 (rate limited)",
                _ => $"POST /refer answered {status}",
            };
            if (status == 200) Result.ValidationSample ??= ReferralForm.Find(ReferralForm.FirstError(), body) ?? "(no error summary found)";
            Result.Error(kind);
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            var what = Describe(ex, ct);
            Result.Error($"POST /refer: {what}");
            return what;
        }
    }

    private async Task<string?> ReadReferenceAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(_confirmation, ct);
            var html = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Result.Error($"GET /refer/Confirmation answered {(int)response.StatusCode}");
                return null;
            }
            var reference = ReferralForm.Find(ReferralForm.Reference(), html);
            if (reference is null) Result.Error("GET /refer/Confirmation: no reference in the page");
            return reference;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or SocketException)
        {
            Result.Error($"GET /refer/Confirmation: {Describe(ex, ct)}");
            return null;
        }
    }

    /// <summary>So the confirmation page can only show what this POST put in TempData, never an older reference.</summary>
    private void ExpireTempData()
    {
        foreach (Cookie cookie in _cookies.GetCookies(_form))
        {
            if (cookie.Name == ReferralForm.TempDataCookie) cookie.Expired = true;
        }
    }

    private static string Describe(Exception ex, CancellationToken ct) => ex switch
    {
        TaskCanceledException when ct.IsCancellationRequested => "cancelled at the end of the run",
        TaskCanceledException => "timed out",
        HttpRequestException { InnerException: SocketException s } => $"socket error {s.SocketErrorCode}",
        HttpRequestException h when h.HttpRequestError != HttpRequestError.Unknown => $"HttpRequestException {h.HttpRequestError}",
        _ => ex.GetType().Name,
    };

    public void Dispose() => _http.Dispose();
}
