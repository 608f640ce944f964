using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RelationshipSupport.Application.Reporting.Documents;
using Microsoft.Extensions.DependencyInjection;
using RelationshipSupport.Infrastructure.Pdf;
using RelationshipSupport.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit.Abstractions;

namespace RelationshipSupport.Tests.Reporting;

/// <summary>
/// The PDF engine end to end: the sample report (every block type) rendered with the real fonts, read back with PdfPig.
/// The rendered file is kept in the test output folder (its path is printed) so it can be looked at, e.g.
/// <c>pdftoppm -png -r 60 sample-report.pdf page</c>.
/// </summary>
public sealed partial class PdfRendererTests(ITestOutputHelper output)
{
    private static readonly Lazy<(byte[] Pdf, RenderedDocument Rendered)> Sample = new(() =>
    {
        using var stream = new MemoryStream();
        var rendered = new SkiaPdfRenderer().Render(SampleDocument.Build(), stream);
        var bytes = stream.ToArray();
        var folder = Path.Combine(AppContext.BaseDirectory, "reports");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "sample-report.pdf"), bytes);
        return (bytes, rendered);
    });

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "reports", "sample-report.pdf");

    [Fact]
    public void Sample_report_is_written_and_its_page_count_is_what_the_layout_counted()
    {
        var (bytes, rendered) = Sample.Value;
        output.WriteLine($"Sample report: {SamplePath} ({bytes.Length:N0} bytes, {rendered.PageCount} pages)");
        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(rendered.PageCount, pdf.NumberOfPages);
        Assert.InRange(pdf.NumberOfPages, 8, 14);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_after_the_cover_says_page_x_of_y()
    {
        using var pdf = PdfDocument.Open(Sample.Value.Pdf);
        var total = pdf.NumberOfPages;
        Assert.DoesNotContain("Page 1 of", pdf.GetPage(1).Text, StringComparison.Ordinal);
        for (var n = 2; n <= total; n++)
        {
            Assert.Contains($"Page {n} of {total}", pdf.GetPage(n).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Contents_lists_each_heading_with_the_page_it_landed_on()
    {
        var (bytes, rendered) = Sample.Value;
        using var pdf = PdfDocument.Open(bytes);
        var contents = Lines(pdf.GetPage(2));
        Assert.Contains(contents, l => l.Text == "Contents");

        var listed = rendered.Headings.Where(h => h.Level <= 2).ToList();
        Assert.True(listed.Count >= 8, "the sample has chapters and sections to list");
        foreach (var heading in listed)
        {
            // The contents line reads "<heading text><page number>", the number set flush right.
            var entry = contents.SingleOrDefault(l => l.Text.StartsWith(heading.Text, StringComparison.Ordinal)
                && EntryNumber().IsMatch(l.Text[heading.Text.Length..]));
            Assert.True(entry is not null, $"'{heading.Text}' is not listed in the contents");
            var printed = int.Parse(entry.Text[heading.Text.Length..], CultureInfo.InvariantCulture);

            // ... and the heading is really on that page (read from the PDF, not from the renderer's own account).
            var actual = Enumerable.Range(3, pdf.NumberOfPages - 2)
                .First(p => Lines(pdf.GetPage(p)).Any(l => l.Text == heading.Text));
            Assert.Equal(actual, printed);
        }
    }

    [Fact]
    public void A_long_table_breaks_across_pages_with_its_header_row_repeated()
    {
        using var pdf = PdfDocument.Open(Sample.Value.Pdf);
        var pagesWithHeader = Enumerable.Range(1, pdf.NumberOfPages)
            .Where(p => Lines(pdf.GetPage(p)).Any(l => l.Text.StartsWith(SampleDocument.LongTableHeader, StringComparison.Ordinal)))
            .ToList();
        Assert.True(pagesWithHeader.Count >= 2, $"the table header is on pages {string.Join(", ", pagesWithHeader)}");
        Assert.Equal(pagesWithHeader[0] + 1, pagesWithHeader[1]);
        Assert.Contains(Squash(SampleDocument.LongTableCaption + " (continued)"), Squash(pdf.GetPage(pagesWithHeader[1]).Text), StringComparison.Ordinal);
        Assert.Contains(Squash(SampleDocument.LongTableCaption), Squash(pdf.GetPage(pagesWithHeader[0]).Text), StringComparison.Ordinal);
        // The last row (the total) comes once, on the last page of the table.
        var totals = pagesWithHeader.Count(p => Squash(pdf.GetPage(p).Text).Contains("Allparticipantswhogavetheirethnicity", StringComparison.Ordinal));
        Assert.Equal(1, totals);
    }

    [Fact]
    public void Document_information_carries_title_author_and_dates()
    {
        using var pdf = PdfDocument.Open(Sample.Value.Pdf);
        Assert.Equal(SampleDocument.Title, pdf.Information.Title);
        Assert.Equal(SampleDocument.Author, pdf.Information.Author);
        Assert.StartsWith("Evaluation of the Parenting Under Pressure programme", pdf.Information.Subject, StringComparison.Ordinal);
        Assert.Contains("CORE-10", pdf.Information.Keywords, StringComparison.Ordinal);
        Assert.Equal("RelationshipSupport", pdf.Information.Creator);
        Assert.StartsWith("D:20260430", pdf.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_text_in_embedded_fonts_and_charts_are_vector()
    {
        var (bytes, rendered) = Sample.Value;
        using var pdf = PdfDocument.Open(bytes);

        // A sentence of a paragraph is found on the page of its heading, emphasis markers gone.
        var summaryPage = rendered.Headings.Single(h => h.Text == "Executive summary").Page;
        var summary = Squash(pdf.GetPage(summaryPage).Text);
        Assert.Contains(Squash(SampleDocument.ParagraphSentence), summary, StringComparison.Ordinal);
        Assert.Contains("Mentalization-basedtherapy", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("*", summary, StringComparison.Ordinal);

        // Fonts: every letter is DejaVu Sans (a subset-tagged name), and the font files are embedded.
        var fonts = Enumerable.Range(1, pdf.NumberOfPages).SelectMany(p => pdf.GetPage(p).Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+DejaVuSans", f));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);

        // The charts' axis titles are text, and no page holds a raster image.
        var chartPage = Enumerable.Range(1, pdf.NumberOfPages).Single(p => Squash(pdf.GetPage(p).Text).Contains(Squash(SampleDocument.ChartAxisTitle), StringComparison.Ordinal));
        Assert.Contains("Clinicalcut-off(11)", Squash(pdf.GetPage(chartPage).Text), StringComparison.Ordinal);
        Assert.All(Enumerable.Range(1, pdf.NumberOfPages), p => Assert.Empty(pdf.GetPage(p).GetImages()));
    }

    [Fact]
    public void The_flowchart_is_drawn_with_its_counts_as_text()
    {
        using var pdf = PdfDocument.Open(Sample.Value.Pdf);
        var page = Enumerable.Range(1, pdf.NumberOfPages).Select(pdf.GetPage).Single(p => p.Text.Contains("Programme quantitative data flowchart", StringComparison.Ordinal));
        var lines = Lines(page).Select(l => l.Text).ToList();
        Assert.Contains("Referred (couples)", lines);
        Assert.Contains("n = 71", lines);
        Assert.Contains("n = 31", lines);
        Assert.Contains("Pre and post with consent", lines);
        Assert.Contains("n = 17", lines);
    }

    [Fact]
    public void The_application_resolves_the_renderer_and_renders_in_parallel()
    {
        using var app = new TestApp();
        var renderer = app.Services.GetRequiredService<IDocumentRenderer>();
        Assert.Same(renderer, app.Services.GetRequiredService<IDocumentRenderer>());
        Assert.Equal("application/pdf", renderer.ContentType);

        var counts = new int[4];
        Parallel.For(0, counts.Length, i =>
        {
            using var stream = new MemoryStream();
            counts[i] = renderer.Render(SampleDocument.Build(demographicRows: 20 + 40 * i), stream).PageCount;
            using var pdf = PdfDocument.Open(stream.ToArray());
            Assert.Equal(counts[i], pdf.NumberOfPages);
        });
        Assert.True(counts[0] < counts[3], "a longer table takes more pages");
    }

    [Fact]
    public void Missing_fonts_are_reported_with_where_they_come_from()
    {
        var renderer = new SkiaPdfRenderer(Path.Combine(Path.GetTempPath(), "no-fonts-" + Guid.NewGuid().ToString("N")));
        using var stream = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() => renderer.Render(SampleDocument.Build(), stream));
        Assert.Contains("DejaVuSans.ttf", error.Message, StringComparison.Ordinal);
        Assert.Contains("dejavu-fonts-ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asterisks_that_are_not_emphasis_stay_and_an_empty_document_is_one_page()
    {
        var document = new ReportDocument
        {
            Metadata = new DocumentMetadata { Title = "Tiny" },
            Blocks = [new ParagraphBlock("Scores 5 * 3 and a ** lone pair, and **bold** text.")],
        };
        using var stream = new MemoryStream();
        var rendered = new SkiaPdfRenderer().Render(document, stream);
        using var pdf = PdfDocument.Open(stream.ToArray());
        Assert.Equal(1, rendered.PageCount);
        Assert.Contains("Scores 5 * 3 and a ** lone pair, and bold text.", pdf.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1", pdf.GetPage(1).Text, StringComparison.Ordinal);

        using var empty = new MemoryStream();
        Assert.Equal(1, new SkiaPdfRenderer().Render(document with { Blocks = [] }, empty).PageCount);
    }

    // ------------------------------------------------------------------------------------------------------------

    private sealed record TextLineOnPage(double Baseline, string Text);

    /// <summary>The page's text lines: letters grouped by baseline, left to right (PdfPig's Text has no line breaks).</summary>
    private static List<TextLineOnPage> Lines(Page page) =>
        page.Letters
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .OrderByDescending(g => g.Key)
            .Select(g => new TextLineOnPage(g.Key, string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)).Trim()))
            .ToList();

    private static string Squash(string text) => Whitespace().Replace(text, string.Empty);

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex EntryNumber();
}
