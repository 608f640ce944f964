using RelationshipSupport.Application.Reporting.Documents;
using SkiaSharp;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as an A4 PDF with SkiaSharp's PDF back end. Two passes: the layout places every
/// block and counts the pages; the drawing pass then writes each page, so "Page X of Y" and the contents' page numbers
/// are known when they are drawn. Text is drawn as text (embedded, subset-named TrueType fonts; selectable and
/// searchable), charts and diagrams as vector paths. Safe to use from several threads at once: each call has its own
/// layout state; only the loaded fonts are shared.
/// </summary>
public sealed class SkiaPdfRenderer : IDocumentRenderer
{
    private readonly string fontDirectory;

    /// <summary>Uses the fonts in <c>fonts/</c> beside the application (copied there by the web project's build).</summary>
    public SkiaPdfRenderer() : this(PdfFonts.DefaultDirectory) { }

    public SkiaPdfRenderer(string fontDirectory) => this.fontDirectory = fontDirectory;

    public string ContentType => "application/pdf";

    public RenderedDocument Render(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var fonts = PdfFonts.For(fontDirectory);
        using var text = new TextEngine(fonts);

        // Pass one: layout.
        var layout = new PdfLayout(text);
        layout.Run(document);
        var pages = layout.Pages;

        // Pass two: drawing, with the page count and the headings' pages known.
        var meta = document.Metadata;
        var created = (meta.Created ?? DateTimeOffset.UtcNow).UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = meta.Title,
            Author = meta.Author ?? string.Empty,
            Subject = meta.Subject ?? string.Empty,
            Keywords = meta.Keywords ?? string.Empty,
            Creator = meta.Creator ?? "RelationshipSupport",
            Producer = "RelationshipSupport reports (SkiaSharp PDF, ScottPlot)",
            Creation = created,
            Modified = created,
            RasterDpi = SKDocument.DefaultRasterDpi,
            EncodingQuality = 101,
        };
        using (var stream = new SKManagedWStream(output, disposeManagedStream: false))
        using (var pdf = SKDocument.CreatePdf(stream, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document."))
        {
            foreach (var page in pages)
            {
                var canvas = pdf.BeginPage(PdfTheme.PageWidth, PdfTheme.PageHeight);
                foreach (var operation in page.Operations)
                {
                    operation(canvas);
                }
                layout.DrawHeaderAndFooter(canvas, page, pages.Count, document.HeaderText, document.FooterText);
                pdf.EndPage();
            }
            pdf.Close();
        }
        output.Flush();

        return new RenderedDocument(
            pages.Count,
            layout.Headings.Where(h => h.Page > 0).Select(h => new RenderedHeading(h.Text, h.Level, h.Page)).ToList());
    }
}
