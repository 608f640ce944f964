using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.BrowserTests.Support;

/// <summary>
/// The real application on a real Kestrel port (127.0.0.1, a free port), with a SQLite file of its own,
/// in the Development environment, two-factor sign-in off and rate limits high enough for a test run.
/// A browser can reach it at <see cref="BaseUrl"/>.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-Passw0rd-123";

    private readonly Dictionary<string, string?> _settings;
    private int _userCounter;

    public BrowserApp(Dictionary<string, string?>? settings = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "rs-browser-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(Directory, "app.db")}",
            ["Database:SeedDemoData"] = "false",
            ["Security:RequireTwoFactor"] = "false",
            ["RateLimiting:ReferralPermitLimit"] = "100000",
            ["RateLimiting:ReferralWindowSeconds"] = "60",
            ["Email:PickupDirectory"] = Path.Combine(Directory, "mail"),
            ["Outbox:PollIntervalSeconds"] = "1",
        };
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
    public async Task<StaffUser> CreateUserAsync(params string[] roles)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var n = Interlocked.Increment(ref _userCounter);
        var email = $"{string.Join("-", roles).ToLowerInvariant()}{n}@staff.test";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {string.Join(" ", roles)} {n}" };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            var added = await users.AddToRoleAsync(user, role);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        }
        return user;
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
