using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.BrowserTests.Support;

/// <summary>
/// The real application on a real Kestrel port (127.0.0.1, a free port), with a SQLite file of its own,
/// in the Development environment, two-factor sign-in off and rate limits high enough for a test run.
/// A browser can reach it at <see cref="BaseUrl"/>.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string Password = TestHost.Password;

    private readonly Dictionary<string, string?> _settings;
    private int _userCounter;

    public BrowserApp(Dictionary<string, string?>? settings = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "rs-browser-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _settings = TestHost.Settings(Directory);
        foreach (var (key, value) in settings ?? []) _settings[key] = value;

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>This app's own folder: database file, mail pickup folder.</summary>
    public string Directory { get; }

    /// <summary>Where the browser finds the app, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Builds the host and starts Kestrel; call once before browsing.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        BaseUrl = addresses.FirstOrDefault()?.TrimEnd('/')
            ?? throw new InvalidOperationException("Kestrel started but reported no address to browse to.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>Creates a member of staff in the given roles (password: <see cref="Password"/>).</summary>
    public Task<StaffUser> CreateUserAsync(params string[] roles) =>
        TestHost.CreateStaffUserAsync(Services, Interlocked.Increment(ref _userCounter), roles);

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
