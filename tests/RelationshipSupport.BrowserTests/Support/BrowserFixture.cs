using Microsoft.Playwright;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.BrowserTests.Support;

/// <summary>One running app and one Chromium, shared by every test in the <see cref="BrowserCollection"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Starts the app on Kestrel and Debian's Chromium (headless) once per collection. Each test opens its own
/// <see cref="BrowserSession"/> (a fresh browser context: no cookies shared between tests).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A phone (about an iPhone 13/14's CSS size).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A laptop or desktop screen.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp App { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Screenshots go next to the test assembly (bin/…/screenshots), never into the repository.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}, and it is not installed. "
                + "Run ./test.sh from the repository root: it installs chromium (apt-get) and then runs every test.");
        }

        App.Start();
        // Generous waits: the machines are small and shared, and the first request compiles Razor views.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root on a machine without a GPU, and a closed network: no sandbox, no background fetches.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context and page on the given screen, pointed at the app.</summary>
    public async Task<BrowserSession> NewSessionAsync(ViewportSize viewport)
    {
        var isPhone = viewport.Width < 600;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = viewport,
            IsMobile = isPhone,
            HasTouch = isPhone,
            DeviceScaleFactor = isPhone ? 2 : 1,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>
    /// Creates a member of staff in the given roles and signs them in through <c>/account/login</c> in this
    /// session's browser, as they would; the page is left wherever the sign-in lands.
    /// </summary>
    public async Task<StaffUser> SignInAsync(BrowserSession session, params string[] roles)
    {
        var user = await App.CreateUserAsync(roles);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user.Email!);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return user;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
