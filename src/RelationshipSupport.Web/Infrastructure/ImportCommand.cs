using System.Globalization;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Import;
using RelationshipSupport.Domain;
using RelationshipSupport.Infrastructure.Persistence;

namespace RelationshipSupport.Web.Infrastructure;

/// <summary>
/// The <c>import</c> verb: <c>import --programme CODE --file PATH [--dry-run]</c> checks a file of past data
/// (docs/import-format.md) and, unless <c>--dry-run</c>, imports it, all or nothing. Prints every error with its line
/// (exit code 1), or the counts imported or that would be imported (exit code 0); 2 for a usage mistake. Acts as the
/// named system user <see cref="ImportSystemUser.CommandLineName"/> in the audit log and on the import batch.
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var programme = Option(args, "--programme");
        var path = Option(args, "--file");
        var dryRun = args.Contains("--dry-run");
        if (string.IsNullOrWhiteSpace(programme) || string.IsNullOrWhiteSpace(path))
        {
            await error.WriteLineAsync("Usage: import --programme CODE --file PATH.csv [--dry-run]");
            return 2;
        }
        // `dotnet run` starts the app in the project's folder: a relative path is the shell's, which PWD still names.
        if (!Path.IsPathRooted(path) && !File.Exists(path) && Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell
            && File.Exists(Path.Combine(shell, path)))
        {
            path = Path.Combine(shell, path);
        }
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"There is no file {path}.");
            return 2;
        }
        var content = await File.ReadAllBytesAsync(path, ct);

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitialiseAsync(cancellationToken: ct);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var actor = new ImportActor(ImportSystemUser.Id, ImportSystemUser.CommandLineName);
        var outcome = await new PastDataImporter(db, clock).RunAsync(programme, Path.GetFileName(path), content, actor, dryRun, ct);

        if (outcome.Previous is { } previous)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"This file was already imported into {previous.ProgrammeCode} on {UkTime.ToLocal(previous.ImportedAtUtc):d MMMM yyyy 'at' HH:mm} by {previous.ImportedByName}: nothing was imported again."));
            return 1;
        }
        if (outcome.Errors.Count > 0)
        {
            await error.WriteLineAsync($"The file has {outcome.Errors.Count} error{(outcome.Errors.Count == 1 ? "" : "s")}; nothing was imported:");
            foreach (var e in outcome.Errors)
            {
                await error.WriteLineAsync(e);
            }
            return 1;
        }
        var c = outcome.Counts;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(dryRun ? "The file is valid. It would import" : "Imported")} {c.Referrals} referrals, {c.People} people, {c.Assessments} assessments, {c.Sessions} sessions and {c.Scores} scores ({c.Questionnaires} questionnaires) into {programme}."));
        if (outcome.SkippedCaseIds.Count > 0)
        {
            await output.WriteLineAsync($"Skipped {outcome.SkippedCaseIds.Count} case(s) imported before: {string.Join(", ", outcome.SkippedCaseIds)}.");
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
