namespace RelationshipSupport.Application.Reporting.Documents;

/// <summary>
/// One piece of a report. The set is closed on purpose: every report is built from these few kinds, and the renderer
/// draws each kind the same way everywhere, so the reports look designed and consistent.
/// </summary>
/// <remarks>
/// Text in <see cref="ParagraphBlock"/>, <see cref="BulletListBlock"/> items and <see cref="QuoteBlock"/> may use
/// <c>**bold**</c> and <c>*italic*</c> runs (a marker counts only when it touches a word on its inner side, as in
/// Markdown, so "5 * 3" stays as it is). Other text (headings, table cells, labels) is plain.
/// </remarks>
public abstract record Block;

/// <summary>The first page: a full-width band with the title, then the report's particulars.</summary>
/// <param name="Title">e.g. "Parenting Under Pressure".</param>
/// <param name="Subtitle">e.g. "Clinical evaluation report".</param>
/// <param name="Lines">Particulars such as commissioner, period and provider, in order.</param>
/// <param name="Date">As it should read, e.g. "2 December 2026".</param>
public sealed record CoverBlock(string Title, string? Subtitle, IReadOnlyList<CoverLine> Lines, string? Date) : Block
{
    /// <summary>A short line above the title, e.g. the commissioner's programme ("Reducing Parental Conflict").</summary>
    public string? Kicker { get; init; }

    /// <summary>The organisation issuing the report, set small at the top of the cover.</summary>
    public string? Organisation { get; init; }
}

/// <param name="Label">e.g. "Commissioned by"; may be empty for a free line.</param>
/// <param name="Text">e.g. "Department for Work and Pensions".</param>
public sealed record CoverLine(string Label, string Text);

/// <summary>A table of contents listing the headings that follow it, with the pages they land on.</summary>
/// <param name="Title">The contents page's own heading (not listed in itself).</param>
/// <param name="MaxLevel">Deepest heading level listed (1–3).</param>
public sealed record ContentsBlock(string Title = "Contents", int MaxLevel = 2) : Block;

/// <param name="Text">As printed, numbering included if wanted ("2.1 Quantitative evaluation").</param>
/// <param name="Level">1 (chapter), 2 (section) or 3 (subsection).</param>
public sealed record HeadingBlock(string Text, int Level = 1) : Block
{
    /// <summary>Start this heading on a new page (only meaningful for level 1).</summary>
    public bool NewPage { get; init; }

    /// <summary>List this heading in the contents (when its level is within the contents' depth).</summary>
    public bool InContents { get; init; } = true;
}

public enum ParagraphStyle
{
    /// <summary>Running text.</summary>
    Body,

    /// <summary>A larger opening paragraph (an executive summary's first words).</summary>
    Lead,

    /// <summary>Small grey text: notes, sources, definitions.</summary>
    Note,
}

/// <summary>Running text, wrapped to the column; breaks across pages between lines.</summary>
public sealed record ParagraphBlock(string Text, ParagraphStyle Style = ParagraphStyle.Body) : Block
{
    /// <summary>Justify lines (the last line of the paragraph stays ragged).</summary>
    public bool Justify { get; init; }
}

public enum ListMarker
{
    Bullet,

    /// <summary>1. 2. 3.</summary>
    Number,

    /// <summary>a) b) c) (as the DWP report's recommendations).</summary>
    Letter,
}

/// <summary>A list; breaks across pages between items (an item never splits).</summary>
public sealed record BulletListBlock(IReadOnlyList<string> Items, ListMarker Marker = ListMarker.Bullet) : Block;

/// <summary>A row of figure tiles (up to four a row; more wrap onto further rows).</summary>
public sealed record KeyFiguresBlock(IReadOnlyList<KeyFigure> Figures) : Block;

/// <param name="Value">As printed, e.g. "718" or "62%".</param>
/// <param name="Label">e.g. "clients seen".</param>
/// <param name="Note">Optional small line, e.g. "includes active and closed".</param>
public sealed record KeyFigure(string Value, string Label, string? Note = null);

public enum CellAlign
{
    Left,
    Center,
    Right,
}

/// <param name="Header">Header text (wraps if it must).</param>
/// <param name="Width">Relative width: columns share the text width in proportion.</param>
public sealed record TableColumn(string Header, CellAlign Align = CellAlign.Left, float Width = 1f);

public enum TableRowStyle
{
    Normal,

    /// <summary>Bold (a total).</summary>
    Strong,

    /// <summary>A group label spanning the table (first cell only), e.g. "Asian or Asian British".</summary>
    Group,
}

public sealed record TableRow(IReadOnlyList<string> Cells, TableRowStyle Style = TableRowStyle.Normal)
{
    public TableRow(params string[] cells) : this((IReadOnlyList<string>)cells) { }
}

public enum TableStyle
{
    /// <summary>A thin rule under every row.</summary>
    Rules,

    /// <summary>Alternate rows shaded.</summary>
    Zebra,
}

/// <summary>A table; breaks across pages between rows and repeats its header row on each page.</summary>
/// <param name="Caption">Above the table, e.g. "Table 1: Summary of scores pre- and post-therapy".</param>
/// <param name="Footnote">Below the table, e.g. "* p&lt;.05, ** p&lt;.01".</param>
public sealed record TableBlock(
    IReadOnlyList<TableColumn> Columns,
    IReadOnlyList<TableRow> Rows,
    string? Caption = null,
    string? Footnote = null,
    TableStyle Style = TableStyle.Rules) : Block;

public enum ChartKind
{
    /// <summary>Vertical bars, one series.</summary>
    Bar,

    /// <summary>Vertical bars side by side per category, one per series (e.g. intake and end per measure).</summary>
    GroupedBar,

    /// <summary>One horizontal bar per category split into the series' shares, which add up to 100 per category
    /// (e.g. satisfaction items: % certainly true / partly true / not true).</summary>
    StackedHorizontalBar,

    /// <summary>A line per series across the categories (e.g. mean score by session).</summary>
    Line,
}

public enum ChartSize
{
    Small,
    Medium,
    Large,
}

/// <summary>A named row of values, one per category (<see cref="double.NaN"/> for "no value").</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A horizontal line across the plot at <paramref name="Value"/>, e.g. a clinical cut-off.</summary>
public sealed record ReferenceLine(double Value, string Label);

/// <summary>A chart as data; the renderer draws it (as vector graphics, text kept as text). Kept whole on one page.</summary>
public sealed record ChartBlock(ChartKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series) : Block
{
    /// <summary>Bold line above the chart.</summary>
    public string? Title { get; init; }

    /// <summary>Small line under the chart, e.g. "Figure 2: Mean CORE-10 at intake and at the end (n = 17)".</summary>
    public string? Caption { get; init; }

    /// <summary>Title of the category axis (for <see cref="ChartKind.StackedHorizontalBar"/>, the vertical one).</summary>
    public string? CategoryAxisTitle { get; init; }

    /// <summary>Title of the value axis, e.g. "Mean score" or "% of participants".</summary>
    public string? ValueAxisTitle { get; init; }

    public ReferenceLine? ReferenceLine { get; init; }

    /// <summary>Lowest and highest value on the value axis; null to fit the data (from zero).</summary>
    public double? ValueMin { get; init; }

    public double? ValueMax { get; init; }

    /// <summary>Print each value on its bar (or segment), with this .NET format, e.g. "0.0" or "0'%'".</summary>
    public string? ValueFormat { get; init; }

    public ChartSize Size { get; init; } = ChartSize.Medium;
}

/// <summary>A vertical flow of boxes with counts, each optionally with a side box for those who left at that step
/// (the DWP referral flowchart). Drawn as a diagram with arrows; kept whole on one page.</summary>
public sealed record FlowchartBlock(IReadOnlyList<FlowStep> Steps) : Block
{
    public string? Title { get; init; }
    public string? Caption { get; init; }
}

/// <param name="Label">e.g. "Referred (couples)".</param>
/// <param name="Count">Printed as "n = 57"; null prints no count.</param>
/// <param name="Exit">Those who left between this step and the next (drawn to the side of the arrow).</param>
public sealed record FlowStep(string Label, int? Count, FlowExit? Exit = null);

/// <param name="Label">e.g. "Not suitable (met exclusion criteria)".</param>
public sealed record FlowExit(string Label, int? Count);

/// <summary>A quotation, set apart from the running text, with who said it. Breaks between lines if it must.</summary>
public sealed record QuoteBlock(string Text, string? Attribution = null) : Block;

/// <summary>Continue on a new page.</summary>
public sealed record PageBreakBlock : Block;

/// <summary>Vertical space, in points (dropped at the top of a page).</summary>
public sealed record SpacerBlock(float Points = 12f) : Block;
