namespace RelationshipSupport.Application.Reporting.Documents;

/// <summary>
/// A report as a renderer-independent list of blocks: what to say, not how to draw it. The PDF renderer
/// (Infrastructure/Pdf) decides fonts, colours, page breaks and numbering; a report builder only assembles blocks.
/// Lengths, where a block has one, are in typographic points (1/72 inch).
/// </summary>
public sealed record ReportDocument
{
    public required DocumentMetadata Metadata { get; init; }

    /// <summary>Small text at the top of every page after the cover (e.g. the programme and the report's name).</summary>
    public string? HeaderText { get; init; }

    /// <summary>Small text at the foot of every page after the cover, left of "Page X of Y".</summary>
    public string? FooterText { get; init; }

    public required IReadOnlyList<Block> Blocks { get; init; }
}

/// <summary>The document information a PDF reader shows (File ▸ Properties) and search tools index.</summary>
public sealed record DocumentMetadata
{
    public required string Title { get; init; }
    public string? Author { get; init; }
    public string? Subject { get; init; }
    public string? Keywords { get; init; }

    /// <summary>The application that assembled the document.</summary>
    public string? Creator { get; init; }

    /// <summary>When the document was created; the renderer writes it into the file (so a rerun with the same
    /// data and the same date gives the same file contents apart from the PDF's own identifiers).</summary>
    public DateTimeOffset? Created { get; init; }
}

/// <summary>What <see cref="IDocumentRenderer.Render"/> laid out: the page count and where each heading landed.</summary>
public sealed record RenderedDocument(int PageCount, IReadOnlyList<RenderedHeading> Headings);

/// <summary>A heading and the 1-based page it landed on (the page number printed in the footer and the contents).</summary>
public sealed record RenderedHeading(string Text, int Level, int Page);

/// <summary>Turns a <see cref="ReportDocument"/> into a file (a PDF in this application).</summary>
public interface IDocumentRenderer
{
    /// <summary>The MIME type of what <see cref="Render"/> writes.</summary>
    string ContentType { get; }

    /// <summary>Lays out and writes the document to <paramref name="output"/> (which is not closed).</summary>
    RenderedDocument Render(ReportDocument document, Stream output);
}
