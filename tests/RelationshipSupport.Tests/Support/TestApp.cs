using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Support;

/// <summary>
/// The real application on a real SQLite file of its own, through the real middleware, with a movable clock.
/// Use one per test class (<c>IClassFixture&lt;TestApp&gt;</c>) or make one per test when the test changes settings.
/// </summary>
public partial class TestApp : WebApplicationFactory<Program>
{
    public static TestApp With(Dictionary<string, string?> settings, string environment = "Development") => new CustomTestApp(settings, environment);

    private sealed class CustomTestApp(Dictionary<string, string?> settings, string environment) : TestApp(settings)
    {
        protected override string EnvironmentName => environment;
    }
}

public partial class TestApp

{
    public const string Password = TestHost.Password;

    private readonly Dictionary<string, string?> _settings;
    private int _userCounter;

    public TestApp() : this(null) { }

    /// <summary>An app with some settings changed (for example a low rate limit).</summary>
    protected TestApp(Dictionary<string, string?>? settings)
    {
        Directory = Path.Combine(Path.GetTempPath(), "rs-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _settings = TestHost.Settings(Directory);
        _settings["Serilog:MinimumLevel:Default"] = "Debug";
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    /// <summary>The hosting environment: Development unless a test asks for another.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>This app's own folder: database file, mail pickup folder.</summary>
    public string Directory { get; }

    public string MailDirectory => Path.Combine(Directory, "mail");

    /// <summary>Everything the app logged, at every level.</summary>
    public LogCapture Logs { get; } = new();

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see them.</summary>
    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    });

    /// <summary>Creates a member of staff in the given roles and returns their email address (password: <see cref="Password"/>).</summary>
    public Task<StaffUser> CreateUserAsync(params string[] roles) =>
        TestHost.CreateStaffUserAsync(Services, Interlocked.Increment(ref _userCounter), roles);

    /// <summary>A cookie-keeping client signed in through the real login form.</summary>
    public async Task<HttpClient> SignedInClientAsync(params string[] roles)
    {
        var user = await CreateUserAsync(roles);
        var client = CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/account/login");
        var response = await form.PostAsync(client, new() { ["Input.Email"] = user.Email!, ["Input.Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Sends a request through the real mediator pipeline (validation, logging) as the given user, or anonymously.</summary>
    public Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, StaffUser? asUser = null, string[]? roles = null) =>
        TestHost.SendAsync(Services, request, asUser, roles);

    /// <summary>
    /// Runs a query against the database in a fresh scope, after the audit writer has written the entries of reads
    /// made so far (it normally does so within a second).
    /// </summary>
    public async Task<T> QueryDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await Services.GetRequiredService<IAuditQueue>().FlushAsync();
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>A clock tests can move. Timers are not needed by the code under test.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now = _now.Add(by);

    public void Set(DateTimeOffset now) => _now = now;
}
