using Microsoft.AspNetCore.Identity;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Infrastructure.Persistence;

namespace RelationshipSupport.Web.Infrastructure;

/// <summary>
/// Verbs run from the command line instead of serving, e.g.
/// <c>dotnet RelationshipSupport.Web.dll create-admin --email a@b.org --name "A B"</c> with the password in
/// the environment variable <c>RS_ADMIN_PASSWORD</c> (never on the command line, where it would be in shell history).
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return false;
        switch (args[0])
        {
            case "create-admin":
                Environment.ExitCode = await CreateAdminAsync(app.Services, args, Environment.GetEnvironmentVariable("RS_ADMIN_PASSWORD"));
                return true;
            case "migrate":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(forceMigrate: true);
                }
                Console.WriteLine("Database migrated and reference data seeded.");
                return true;
            case "report":
                Environment.ExitCode = await ReportCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "import":
                Environment.ExitCode = await ImportCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
                return true;
            case "seed-bench":
                Environment.ExitCode = await SeedBenchAsync(app, args);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The <c>seed-bench</c> verb: adds <c>--referrals N</c> synthetic referrals and <c>--coordinators N</c> coordinators
    /// (password in <c>RS_BENCH_PASSWORD</c>) for benchmarks; writes sample references to <c>--references-out FILE</c>.
    /// With <c>--report-participants N</c> instead: a year of the parents programme with N participants and 4N completed
    /// questionnaire administrations, for the report generation benchmark (bench/report-generation/run.sh).
    /// Refused in Production unless <c>--allow-production</c> is given: it is fake data.
    /// </summary>
    private static Task<int> SeedBenchAsync(WebApplication app, string[] args) => SeedBenchAsync(app.Services, app.Environment.IsProduction(), args);

    /// <inheritdoc cref="SeedBenchAsync(WebApplication, string[])"/>
    internal static async Task<int> SeedBenchAsync(IServiceProvider services, bool production, string[] args)
    {
        if (production && !args.Contains("--allow-production"))
        {
            await Console.Error.WriteLineAsync("seed-bench adds fake referrals: refused in Production (add --allow-production for a benchmark database).");
            return 2;
        }
        var count = int.TryParse(Option(args, "--referrals"), out var n) && n > 0 ? n : 100_000;
        var coordinators = int.TryParse(Option(args, "--coordinators"), out var c) && c >= 0 ? c : 8;
        var password = Environment.GetEnvironmentVariable("RS_BENCH_PASSWORD") is { Length: > 0 } p ? p : "Bench-Passw0rd-1";
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(forceMigrate: true);
        }
        var clock = services.GetRequiredService<TimeProvider>();
        if (Option(args, "--report-participants") is { } participantsOption)
        {
            if (!int.TryParse(participantsOption, out var participants) || participants < 2)
            {
                await Console.Error.WriteLineAsync("--report-participants needs a number of participants (2 or more).");
                return 2;
            }
            var report = await services.GetRequiredService<RelationshipSupport.Infrastructure.Seeding.BenchDataSeeder>()
                .SeedReportAsync(participants, password, clock.GetUtcNow().UtcDateTime);
            Console.WriteLine($"Added {report.Referrals} referrals ({report.People} people), {report.Sessions} sessions and {report.Administrations} questionnaire administrations to {RelationshipSupport.Infrastructure.Seeding.ReferenceDataSeeder.ParentsInConflict} in {report.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }
        var summary = await services.GetRequiredService<RelationshipSupport.Infrastructure.Seeding.BenchDataSeeder>()
            .SeedAsync(count, coordinators, password, clock.GetUtcNow().UtcDateTime);
        if (Option(args, "--references-out") is { } file)
        {
            await File.WriteAllLinesAsync(file, summary.SampleReferences);
        }
        Console.WriteLine($"Added {summary.Referrals} referrals ({summary.People} people) and {coordinators} coordinators in {summary.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The <c>create-admin</c> verb; <paramref name="password"/> comes from <c>RS_ADMIN_PASSWORD</c>. Returns the exit code.</summary>
    internal static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args, string? password)
    {
        var email = Option(args, "--email");
        var name = Option(args, "--name") ?? email;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email ADDRESS [--name \"Full Name\"], with the password in RS_ADMIN_PASSWORD.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await Console.Error.WriteLineAsync("A user with that email address already exists.");
            return 1;
        }
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name! };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Roles.Administrator);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }
        Console.WriteLine("Administrator created. They will be asked to set up an authenticator app when they first sign in.");
        return 0;
    }
}
