using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;
using Serilog.Core;
using Serilog.Events;

namespace RelationshipSupport.Tests.Account;

/// <summary>
/// Log lines about signing in name accounts by id only: never an email address, a password or a code.
/// Runs on its own: Program.cs lets Serilog set the static <c>Log.Logger</c>, which every app in the test process
/// then writes to, so only the most recently started app's sinks see anything.
/// </summary>
[Collection(nameof(SignInLoggingTests))]
public sealed class SignInLoggingTests : IDisposable
{
    private readonly LogCapturingApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sign_in_logs_carry_user_ids_and_no_email_addresses_passwords_or_codes()
    {
        var user = await _app.CreateUserAsync(Roles.Coordinator);
        var locked = await _app.CreateUserAsync(Roles.Therapist);
        var client = _app.CreateBrowserLikeClient();
        await AccountSteps.PostLoginAsync(client, "typed-by-mistake@elsewhere.test", "Wrong-passw0rd-typed");
        for (var i = 0; i < 6; i++) await AccountSteps.PostLoginAsync(_app.CreateBrowserLikeClient(), locked.Email!, "Wrong-passw0rd-typed");
        await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password);
        var authenticator = await AccountSteps.SetUpAuthenticatorAsync(client);
        await AccountSteps.SignOutAsync(client);
        var codePage = (await AccountSteps.PostLoginAsync(client, user.Email!, TestApp.Password)).Headers.Location!.OriginalString;
        await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, "000000");
        await AccountSteps.PostAuthenticatorCodeAsync(client, codePage, authenticator.CodeNow());

        var lines = _app.Events.Select(e => e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))).ToList();

        Assert.Contains(lines, l => l.Contains($"Staff user \"{user.Id}\" signed in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Staff user \"{locked.Id}\" is locked out", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("no staff account has that email address", StringComparison.Ordinal));
        foreach (var secret in new[] { "@", TestApp.Password, "Wrong-passw0rd-typed", authenticator.Key.Replace(" ", "", StringComparison.Ordinal), authenticator.RecoveryCodes[0] })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private sealed class LogCapturingApp : TestApp, ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Program.cs reads sinks from the container (ReadFrom.Services), so this sees what the real sinks see.
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));
        }
    }
}

[CollectionDefinition(nameof(SignInLoggingTests), DisableParallelization = true)]
public sealed class SignInLoggingCollection;
