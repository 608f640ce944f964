using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Web.Infrastructure;

/// <summary>
/// The <c>report</c> verb: the same report as the reports page, for scheduled runs and for checking —
/// <c>report --programme CODE [--style hee|dwp] --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--format pdf|json]</c>.
/// JSON writes the computed figures (every number in the PDF, before layout). It only reads: the database must be
/// migrated already. The narrative is the latest saved
/// on the reports page for that programme and period, else the programme's. Exit codes: 0 written, 1 refused, 2 usage.
/// </summary>
public static class ReportCommand
{
    public const string Usage =
        "Usage: report --programme CODE [--style hee|dwp] --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--format pdf|json]";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        var programme = Option(args, "--programme");
        var outFile = Option(args, "--out");
        var format = (Option(args, "--format") ?? "pdf").ToLowerInvariant();
        if (programme is null || outFile is null || format is not ("pdf" or "json")
            || !TryDate(Option(args, "--from"), out var from) || !TryDate(Option(args, "--to"), out var to))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        ReportStyle? style = (Option(args, "--style") ?? "").ToLowerInvariant() switch
        {
            "" => null,
            "hee" => ReportStyle.Hee,
            "dwp" => ReportStyle.Dwp,
            _ => (ReportStyle)0,
        };
        if (style == 0)
        {
            await errors.WriteLineAsync("--style must be hee or dwp.");
            return 2;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        // Read-only: the database must already be migrated (by the app or `migrate`), not changed by a report.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await errors.WriteLineAsync("The database is not up to date: start the application once or run the `migrate` command, then try again.");
            return 1;
        }
        var ready = clock.Elapsed;
        var generator = scope.ServiceProvider.GetRequiredService<ReportGenerator>();
        try
        {
            var figures = await generator.FiguresAsync(programme, from, to, CancellationToken.None);
            var computed = clock.Elapsed;
            var directory = Path.GetDirectoryName(Path.GetFullPath(outFile));
            if (directory is not null) Directory.CreateDirectory(directory);
            await using var file = File.Create(outFile);
            if (format == "json")
            {
                await JsonSerializer.SerializeAsync(file, figures, Json);
                await output.WriteLineAsync($"Figures for {programme}, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, written to {outFile}.");
                return 0;
            }
            var chosen = style ?? await generator.StyleOfAsync(programme, CancellationToken.None);
            var narrative = await generator.NarrativeAsync(programme, from, to, CancellationToken.None);
            var pages = generator.Render(figures, chosen, narrative, file);
            await output.WriteLineAsync($"{(chosen == ReportStyle.Dwp ? "DWP" : "HEE")}-style report for {programme}, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {pages} pages written to {outFile}.");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Database ready in {ready.TotalSeconds:F2} s, figures in {(computed - ready).TotalSeconds:F2} s, pages in {(clock.Elapsed - computed).TotalSeconds:F2} s."));
            return 0;
        }
        catch (DomainException e)
        {
            await errors.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
