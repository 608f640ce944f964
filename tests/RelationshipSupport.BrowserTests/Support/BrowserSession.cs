using Microsoft.Playwright;

namespace RelationshipSupport.BrowserTests.Support;

/// <summary>
/// One test's browser context and page. Records JavaScript errors, console errors and failed requests, so a
/// test can check that the page worked as well as looked right.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => Record($"JavaScript error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record($"Console error: {message.Text}");
        };
        page.RequestFailed += (_, request) => Record($"Request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) Record($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public IReadOnlyList<string> Problems
    {
        get { lock (_problems) return _problems.ToList(); }
    }

    /// <summary>Fails if the page threw, logged an error (a CSP block, say) or a request failed.</summary>
    public void AssertNoBrowserProblems() =>
        Assert.True(Problems.Count == 0, "The browser reported problems:\n" + string.Join("\n", Problems));

    /// <summary>Saves a full-page PNG under bin/…/screenshots and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private void Record(string problem)
    {
        lock (_problems) _problems.Add(problem);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
