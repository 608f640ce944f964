using System.Text.Json;
using System.Text.RegularExpressions;
using RelationshipSupport.Application.Reporting;
using RelationshipSupport.Infrastructure.Seeding;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.Web.Infrastructure;
using UglyToad.PdfPig;

namespace RelationshipSupport.Tests.Reporting;

/// <summary>
/// The <c>report</c> command end to end on real records (<see cref="ReportData"/>: figures worked by hand in
/// <see cref="ReportFiguresTests"/>): JSON figures, and both PDF styles read back with PdfPig.
/// </summary>
public sealed partial class ReportCommandTests : IDisposable
{
    private readonly TestApp app = new();
    private readonly string dir = Directory.CreateTempSubdirectory("rs-report-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ReportCommand.RunAsync(app.Services, ["report", .. args], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private string[] Period(string style, string file, string format = "pdf") =>
        ["--programme", ReferenceDataSeeder.NhsStaff, "--style", style, "--from", "2026-11-01", "--to", "2026-11-30", "--out", Path.Combine(dir, file), "--format", format];

    [Fact]
    public async Task Json_holds_the_computed_figures()
    {
        await ReportData.ThreeCouplesAsync(app);

        var (code, output, _) = await RunAsync(Period("hee", "figures.json", "json"));

        Assert.Equal(0, code);
        Assert.Contains("figures.json", output, StringComparison.Ordinal);
        var figures = JsonSerializer.Deserialize<ReportFigures>(await File.ReadAllTextAsync(Path.Combine(dir, "figures.json")), ReportCommand.Json)!;
        var core10 = figures.Measures.Single(m => m.InstrumentCode == "CORE-10");
        Assert.Equal((4, 20.0, 3, 14.0), (core10.Intake.N, core10.Intake.Mean, core10.End.N, core10.End.Mean));
        Assert.Equal("t(2)=2.00, p=.184", core10.Paired.Format());
        Assert.Equal(["It helped us listen."], figures.Quotes);
        Assert.Equal(new DateOnly(2026, 11, 30), figures.Header.To);
    }

    [Fact]
    public async Task Dwp_style_pdf_has_table_1_the_flowchart_and_page_numbers()
    {
        await ReportData.ThreeCouplesAsync(app);

        var (code, output, _) = await RunAsync(Period("dwp", "dwp.pdf"));

        Assert.Equal(0, code);
        Assert.Contains("DWP-style report", output, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(Path.Combine(dir, "dwp.pdf"));
        var text = Squash(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        // Table 1's CORE-10 row: pairs (26, 14), (20, 8), (20, 20) → pre 22.00 (3.46), post 14.00 (6.00), difference 8.00 (6.93), t 2.00, p .184.
        Assert.Contains(Squash("CORE-10 (n=3) 22.00 (3.46) 14.00 (6.00) 8.00 (6.93) 2.00 .184"), text, StringComparison.Ordinal);
        // Fewer than two men with pairs (the test clients have no gender): said in words, not as NaN.
        Assert.Contains(Squash("CORE-10 for men (n=0) – – – – –"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("not computable: 0 pairs (at least 2 needed)"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.Contains(Squash("Table 1: summary of scores pre- and post-therapy"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("Referred (couples) n = 3"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("Refused consent for analysis (participants) n = 1"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("It helped us listen."), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Private thoughts", text, StringComparison.Ordinal); // no consent to quote
        Assert.DoesNotContain("Declined evaluation", text, StringComparison.Ordinal); // no consent to evaluation
        Assert.Contains(Squash($"Page {pdf.NumberOfPages} of {pdf.NumberOfPages}"), Squash(pdf.GetPage(pdf.NumberOfPages).Text), StringComparison.Ordinal);
        Assert.StartsWith("Relationship support for NHS and social care staff: Clinical evaluation report", pdf.Information.Title, StringComparison.Ordinal);
        Assert.Equal("Relationship Support Service", pdf.Information.Author);
    }

    [Fact]
    public async Task Hee_style_pdf_has_the_headline_outcomes_and_net_promoter_score()
    {
        await ReportData.ThreeCouplesAsync(app);

        var (code, _, _) = await RunAsync(Period("hee", "hee.pdf"));

        Assert.Equal(0, code);
        using var pdf = PdfDocument.Open(Path.Combine(dir, "hee.pdf"));
        var text = Squash(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        // Consented CORE-10 intake 26, 20, 20, 14 (mean 20.00, all clinical); end 14, 8, 20 (mean 14.00, two of three).
        Assert.Contains(Squash("The average CORE-10 score at intake was 20.00 (n = 4), with 100% at or above the clinical cut-off (11)."), text, StringComparison.Ordinal);
        Assert.Contains(Squash("At the end of sessions the average was 14.00 (n = 3) and 67% were at or above the clinical cut-off."), text, StringComparison.Ordinal);
        Assert.Contains(Squash("the change was not statistically significant, t(2)=2.00, p=.184"), text, StringComparison.Ordinal);
        // NPS answers 10, 9, 6 (consented): 67% promoters − 33% detractors = +33.
        Assert.Contains(Squash("+33 Net Promoter Score n = 3"), text, StringComparison.Ordinal);
        Assert.Contains(Squash("Service report"), text, StringComparison.Ordinal);
        Assert.Contains(Squash($"Page 2 of {pdf.NumberOfPages}"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_the_usage_and_an_unknown_programme_with_a_message()
    {
        var (usage, _, usageText) = await RunAsync("--programme", "nhs-staff", "--from", "2026-13-01", "--to", "2026-11-30", "--out", Path.Combine(dir, "x.pdf"));
        Assert.Equal(2, usage);
        Assert.Contains("Usage: report", usageText, StringComparison.Ordinal);

        var (unknown, _, message) = await RunAsync("--programme", "no-such", "--from", "2026-11-01", "--to", "2026-11-30", "--out", Path.Combine(dir, "y.pdf"));
        Assert.Equal(1, unknown);
        Assert.Contains("no programme with the code", message, StringComparison.Ordinal);
    }

    private static string Squash(string text) => Whitespace().Replace(text, string.Empty);

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
