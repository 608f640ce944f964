using RelationshipSupport.Application.Reporting.Documents;
using SkiaSharp;
using static RelationshipSupport.Infrastructure.Pdf.PdfTheme;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>One laid-out page: drawing operations in page coordinates (points, origin top left).</summary>
internal sealed class LaidOutPage(int number, bool isCover, string? section)
{
    public int Number { get; } = number;
    public bool IsCover { get; } = isCover;

    /// <summary>The running head: the chapter (level-1 heading) in force on this page.</summary>
    public string? Section { get; set; } = section;

    public List<Action<SKCanvas>> Operations { get; } = [];
}

/// <summary>A heading as the contents sees it; <see cref="Page"/> is known once the layout pass has placed it.</summary>
internal sealed class HeadingAnchor(string text, int level, string name)
{
    public string Text { get; } = text;
    public int Level { get; } = level;
    public string Name { get; } = name;
    public int Page { get; set; }
}

/// <summary>
/// Pass one of two: places every block on pages (a cursor moving down the text column, a new page when a block does not
/// fit) and records drawing operations. Nothing is drawn here. Page numbers that are not known yet (the total, the
/// pages of headings listed in the contents) are read by the operations when pass two runs them.
/// </summary>
internal sealed partial class PdfLayout
{
    private const float Top = MarginTop;
    private const float Bottom = PageHeight - MarginBottom;
    private const float Left = MarginLeft;
    private const float Width = ContentWidth;

    private readonly TextEngine text;
    private readonly List<LaidOutPage> pages = [];
    private readonly Dictionary<int, HeadingAnchor> anchors = [];
    private LaidOutPage? page;
    private float y;
    private float gap;
    private bool gapLocked;
    private string? section;

    public PdfLayout(TextEngine text) => this.text = text;

    public IReadOnlyList<LaidOutPage> Pages => pages;

    public IEnumerable<HeadingAnchor> Headings => anchors.OrderBy(a => a.Key).Select(a => a.Value);

    public void Run(ReportDocument document)
    {
        var blocks = document.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is HeadingBlock heading)
            {
                anchors[i] = new HeadingAnchor(heading.Text, Math.Clamp(heading.Level, 1, 3), $"h{i}");
            }
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case CoverBlock cover:
                    Cover(cover);
                    break;
                case ContentsBlock contents:
                    Contents(contents, blocks, i);
                    break;
                case HeadingBlock heading:
                    Heading(heading, anchors[i]);
                    break;
                case ParagraphBlock paragraph:
                    Paragraph(paragraph);
                    break;
                case BulletListBlock list:
                    BulletList(list);
                    break;
                case KeyFiguresBlock figures:
                    KeyFigures(figures);
                    break;
                case TableBlock table:
                    Table(table);
                    break;
                case ChartBlock chart:
                    Chart(chart);
                    break;
                case FlowchartBlock flowchart:
                    Flowchart(flowchart);
                    break;
                case QuoteBlock quote:
                    Quote(quote);
                    break;
                case PageBreakBlock:
                    if (page is not null && !AtTop)
                    {
                        NewPage();
                    }
                    break;
                case SpacerBlock spacer:
                    Spacer(spacer.Points);
                    break;
                default:
                    throw new NotSupportedException($"The PDF renderer has no layout for {blocks[i].GetType().Name}.");
            }
        }
        if (pages.Count == 0)
        {
            NewPage();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The cursor

    private bool AtTop => page is not null && !page.IsCover && y <= Top + 0.01f;

    private float Room => Bottom - y - (AtTop ? 0 : gap);

    private void NewPage(bool cover = false)
    {
        page = new LaidOutPage(pages.Count + 1, cover, section);
        pages.Add(page);
        y = Top;
        gap = 0;
        gapLocked = false;
    }

    private LaidOutPage Current
    {
        get
        {
            if (page is null || page.IsCover)
            {
                NewPage();
            }
            return page!;
        }
    }

    /// <summary>Asks for space before the next block (the larger of two requests wins; none at the top of a page).</summary>
    private void Gap(float points)
    {
        if (!gapLocked)
        {
            gap = Math.Max(gap, points);
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor (or the page is still empty).</summary>
    private void Need(float height)
    {
        _ = Current;
        if (!AtTop && y + gap + height > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>Moves the cursor down by <paramref name="height"/> and returns the top of the space taken.</summary>
    private float Take(float height)
    {
        _ = Current;
        if (!AtTop)
        {
            y += gap;
        }
        gap = 0;
        gapLocked = false;
        var top = y;
        y += height;
        return top;
    }

    private void Draw(Action<SKCanvas> operation) => Current.Operations.Add(operation);

    private void Spacer(float points)
    {
        if (page is null || page.IsCover || AtTop)
        {
            return;
        }
        if (y + gap + points > Bottom)
        {
            NewPage();
            return;
        }
        y += gap + points;
        gap = 0;
        gapLocked = false;
    }

    /// <summary>Places something drawn as a whole (a chart, a diagram, a row of tiles): on this page if it fits, else on
    /// the next; scaled down only if it is taller than a whole page.</summary>
    private void PlaceWhole(float height, Action<SKCanvas, float> draw)
    {
        Need(height);
        var available = Bottom - Top;
        var scale = height > available ? available / height : 1f;
        var top = Take(height * scale);
        Draw(canvas =>
        {
            if (scale < 1f)
            {
                canvas.Save();
                canvas.Translate(Left, top);
                canvas.Scale(scale);
                canvas.Translate(-Left, -top);
                draw(canvas, top);
                canvas.Restore();
            }
            else
            {
                draw(canvas, top);
            }
        });
    }

    /// <summary>Places wrapped lines, breaking between lines at page ends (never leaving one line alone at the foot or
    /// the head of a page). <paramref name="decorate"/> draws behind each fragment (e.g. a quote's rule).</summary>
    private void PlaceLines(List<TextLine> lines, TextStyle style, float indent, float width, TextAlign align,
        Action<SKCanvas, float, float>? decorate = null)
    {
        var index = 0;
        while (index < lines.Count)
        {
            _ = Current;
            var remaining = lines.Count - index;
            var fit = (int)Math.Floor((Room + 0.01f) / style.Leading);
            if (fit < remaining)
            {
                if (fit < 2 && !AtTop)
                {
                    NewPage();
                    continue;
                }
                fit = Math.Max(1, fit);
                if (remaining - fit == 1 && fit >= 3)
                {
                    fit--; // no widow: carry two lines over
                }
            }
            else
            {
                fit = remaining;
            }
            var slice = lines.Skip(index).Take(fit).ToArray();
            var height = fit * style.Leading;
            var top = Take(height);
            Draw(canvas =>
            {
                decorate?.Invoke(canvas, top, height);
                text.DrawLines(canvas, slice, Left + indent, top, width, style, align);
            });
            index += fit;
            if (index < lines.Count)
            {
                NewPage();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Cover, contents, headings

    private void Cover(CoverBlock cover)
    {
        NewPage(cover: true);
        var bandHeight = PageHeight * 0.56f;
        var titleStyle = new TextStyle(FontFace.Bold, 30f, 36f, White);
        var subtitleStyle = new TextStyle(FontFace.Regular, 15f, 20f, SKColor.Parse("#DCE8F5"));
        var kickerStyle = new TextStyle(FontFace.Bold, 9f, 12f, SKColor.Parse("#A9C8EA"));
        var titleLines = text.Wrap(cover.Title, titleStyle, Width);
        var subtitleLines = cover.Subtitle is null ? [] : text.Wrap(cover.Subtitle, subtitleStyle, Width);
        var kickerLines = cover.Kicker is null ? [] : text.Wrap(cover.Kicker.ToUpperInvariant(), kickerStyle, Width);
        var organisationStyle = new TextStyle(FontFace.Bold, 10.5f, 14f, White);
        var organisationLines = cover.Organisation is null ? [] : text.Wrap(cover.Organisation, organisationStyle, Width * 0.7f);

        var labelStyle = new TextStyle(FontFace.Bold, 7.5f, 10f, TextSecondary);
        var valueStyle = new TextStyle(FontFace.Regular, 11f, 15f, Text);
        var particulars = cover.Lines
            .Select(l => (Label: l.Label, Value: text.Wrap(l.Text, valueStyle, Width)))
            .ToList();

        page!.Operations.Add(canvas =>
        {
            canvas.DrawRect(0, 0, PageWidth, bandHeight, text.Fill(Accent));
            canvas.DrawRect(0, bandHeight, PageWidth, 5f, text.Fill(AccentDark));
            text.DrawLines(canvas, organisationLines, Left, 58f, Width * 0.7f, organisationStyle, TextAlign.Left);

            // Title block, set from the foot of the band upwards.
            var bottom = bandHeight - 52f;
            var subtitleTop = bottom - subtitleLines.Count * subtitleStyle.Leading;
            text.DrawLines(canvas, subtitleLines, Left, subtitleTop, Width, subtitleStyle, TextAlign.Left);
            var titleTop = subtitleTop - (subtitleLines.Count > 0 ? 10f : 0f) - titleLines.Count * titleStyle.Leading;
            text.DrawLines(canvas, titleLines, Left, titleTop, Width, titleStyle, TextAlign.Left);
            if (kickerLines.Count > 0)
            {
                var kickerTop = titleTop - 16f - kickerLines.Count * kickerStyle.Leading;
                canvas.DrawRect(Left, kickerTop - 14f, 28f, 3f, text.Fill(White));
                text.DrawLines(canvas, kickerLines, Left, kickerTop, Width, kickerStyle, TextAlign.Left);
            }

            // Particulars under the band.
            var yy = bandHeight + 44f;
            foreach (var (label, value) in particulars)
            {
                if (!string.IsNullOrWhiteSpace(label))
                {
                    text.DrawText(canvas, label.ToUpperInvariant(), labelStyle, Left, yy + text.BaselineOffset(labelStyle));
                    yy += labelStyle.Leading + 1f;
                }
                text.DrawLines(canvas, value, Left, yy, Width, valueStyle, TextAlign.Left);
                yy += value.Count * valueStyle.Leading + 14f;
            }
            if (cover.Date is not null)
            {
                var dateStyle = new TextStyle(FontFace.Regular, 9f, 12f, TextSecondary);
                text.DrawText(canvas, cover.Date, dateStyle, Left, PageHeight - MarginBottom + 8f);
            }
        });
    }

    private void Contents(ContentsBlock contents, IReadOnlyList<Block> blocks, int index)
    {
        if (page is null || page.IsCover || !AtTop)
        {
            NewPage();
        }
        HeadingText(contents.Title, 1, anchor: null);

        const float numberColumn = 34f;
        for (var i = index + 1; i < blocks.Count; i++)
        {
            if (blocks[i] is not HeadingBlock { InContents: true } heading || heading.Level > contents.MaxLevel)
            {
                continue;
            }
            var anchor = anchors[i];
            var level = anchor.Level;
            var style = level switch
            {
                1 => new TextStyle(FontFace.Bold, 9.5f, 14f, Text),
                2 => new TextStyle(FontFace.Regular, 9.5f, 14f, Text),
                _ => new TextStyle(FontFace.Regular, 8.5f, 12.5f, TextSecondary),
            };
            var indent = (level - 1) * 16f;
            var textWidth = Width - indent - numberColumn;
            var lines = text.Wrap(heading.Text, style, textWidth);
            var height = lines.Count * style.Leading;
            Gap(level == 1 ? 9f : 3f);
            Need(height);
            var top = Take(height);
            var lastWidth = lines.Count == 0 ? 0 : lines[^1].Em * style.Size;
            Draw(canvas =>
            {
                text.DrawLines(canvas, lines, Left + indent, top, textWidth, style, TextAlign.Left);
                var baseline = top + (lines.Count - 1) * style.Leading + text.BaselineOffset(style);
                var number = anchor.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var numberStyle = style with { Face = FontFace.Bold, Color = level == 1 ? Accent : TextSecondary };
                var numberWidth = text.Measure(number, numberStyle);
                text.DrawText(canvas, number, numberStyle, Left + Width, baseline, TextAlign.Right);
                DottedLeader(canvas, Left + indent + lastWidth + 6f, Left + Width - numberWidth - 6f, baseline);
                canvas.DrawLinkDestinationAnnotation(new SKRect(Left + indent, top, Left + Width, top + height), anchor.Name);
            });
        }
        Gap(BlockGap);
    }

    private void DottedLeader(SKCanvas canvas, float from, float to, float baseline)
    {
        if (to - from < 8f)
        {
            return;
        }
        using var paint = new SKPaint
        {
            Color = Grey3,
            StrokeWidth = 0.9f,
            StrokeCap = SKStrokeCap.Round,
            Style = SKPaintStyle.Stroke,
            IsAntialias = true,
        };
        using var dots = SKPathEffect.CreateDash([0f, 3.2f], 0);
        paint.PathEffect = dots;
        var start = MathF.Ceiling(from / 3.2f) * 3.2f; // dots line up from one entry to the next
        canvas.DrawLine(start, baseline - 1f, to, baseline - 1f, paint);
    }

    private void Heading(HeadingBlock heading, HeadingAnchor anchor)
    {
        if (anchor.Level == 1 && heading.NewPage && (page is null || page.IsCover || !AtTop))
        {
            NewPage();
        }
        HeadingText(heading.Text, anchor.Level, anchor);
    }

    private void HeadingText(string value, int level, HeadingAnchor? anchor)
    {
        var (style, before, after) = level switch
        {
            1 => (H1, 30f, 12f),
            2 => (H2, 20f, 6f),
            _ => (H3, 14f, 4f),
        };
        var lines = text.Wrap(value, style, Width);
        var height = lines.Count * style.Leading;
        Gap(before);
        Need(height + 3 * Body.Leading); // keep with what follows
        var atTop = AtTop;
        var top = Take(height);
        if (level == 1)
        {
            if (atTop || Current.Section is null)
            {
                Current.Section = value;
            }
            section = value;
        }
        if (anchor is not null)
        {
            anchor.Page = Current.Number;
        }
        Draw(canvas =>
        {
            if (level == 1)
            {
                canvas.DrawRect(Left, top - 12f, 30f, 3f, text.Fill(Accent));
            }
            if (anchor is not null)
            {
                canvas.DrawNamedDestinationAnnotation(new SKPoint(Left, top - 16f), anchor.Name);
            }
            text.DrawLines(canvas, lines, Left, top, Width, style, TextAlign.Left);
        });
        gap = after; // the block that follows a heading sits this close to it, whatever space it asks for
        gapLocked = true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Running text

    private void Paragraph(ParagraphBlock paragraph)
    {
        var style = paragraph.Style switch
        {
            ParagraphStyle.Lead => PdfTheme.Lead,
            ParagraphStyle.Note => Note,
            _ => Body,
        };
        var lines = text.Wrap(text.Words(paragraph.Text, style.Face, markup: true), Width, style.Size);
        Gap(paragraph.Style == ParagraphStyle.Lead ? 4f : ParagraphGap);
        PlaceLines(lines, style, 0, Width, paragraph.Justify ? TextAlign.Justify : TextAlign.Left);
        Gap(paragraph.Style == ParagraphStyle.Lead ? 12f : ParagraphGap);
    }

    private void BulletList(BulletListBlock list)
    {
        const float indent = 16f;
        var style = Body;
        Gap(ParagraphGap);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var lines = text.Wrap(text.Words(list.Items[i], style.Face, markup: true), Width - indent, style.Size);
            var height = Math.Max(1, lines.Count) * style.Leading;
            if (height > Bottom - Top)
            {
                PlaceLines(lines, style, indent, Width - indent, TextAlign.Left);
                Gap(3f);
                continue;
            }
            Need(height);
            var top = Take(height);
            var marker = list.Marker switch
            {
                ListMarker.Number => $"{i + 1}.",
                ListMarker.Letter => $"{(char)('a' + (i % 26))})",
                _ => null,
            };
            Draw(canvas =>
            {
                var baseline = top + text.BaselineOffset(style);
                if (marker is null)
                {
                    var cy = baseline - text.Face(style.Face).CapHeight * style.Size / 2;
                    canvas.DrawCircle(Left + 4.5f, cy, 1.9f, text.Fill(Accent));
                }
                else
                {
                    text.DrawText(canvas, marker, style with { Color = Accent, Face = FontFace.Bold }, Left, baseline);
                }
                text.DrawLines(canvas, lines, Left + indent, top, Width - indent, style, TextAlign.Left);
            });
            Gap(3.5f);
        }
        Gap(ParagraphGap + 2f);
    }

    private void Quote(QuoteBlock quote)
    {
        const float indent = 18f;
        var width = Width - indent - 12f;
        var lines = text.Wrap(text.Words(quote.Text, PdfTheme.Quote.Face, markup: true), width, PdfTheme.Quote.Size);
        var attribution = quote.Attribution is null ? [] : text.Wrap("— " + quote.Attribution, Attribution, width);
        var height = lines.Count * PdfTheme.Quote.Leading + (attribution.Count > 0 ? 3f + attribution.Count * Attribution.Leading : 0);
        Gap(BlockGap - 2f);

        void Rule(SKCanvas canvas, float top, float h) => canvas.DrawRect(Left + 2f, top + 1f, 2.5f, h - 2f, text.Fill(SKColor.Parse("#7BAEDF")));

        if (height <= Bottom - Top)
        {
            Need(height);
            var top = Take(height);
            Draw(canvas =>
            {
                Rule(canvas, top, height);
                text.DrawLines(canvas, lines, Left + indent, top, width, PdfTheme.Quote, TextAlign.Left);
                text.DrawLines(canvas, attribution, Left + indent, top + lines.Count * PdfTheme.Quote.Leading + 3f, width, Attribution, TextAlign.Left);
            });
        }
        else
        {
            PlaceLines(lines, PdfTheme.Quote, indent, width, TextAlign.Left, Rule);
            Gap(3f);
            PlaceLines(attribution, Attribution, indent, width, TextAlign.Left, Rule);
        }
        Gap(BlockGap - 2f);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Key figures

    private void KeyFigures(KeyFiguresBlock block)
    {
        const float gapBetween = 10f;
        const float pad = 12f;
        var valueStyle = new TextStyle(FontFace.Bold, 24f, 28f, Accent);
        var labelStyle = new TextStyle(FontFace.Bold, 8.5f, 11.5f, Text);
        var noteStyle = new TextStyle(FontFace.Regular, 7.5f, 10f, TextSecondary);
        var figures = block.Figures;
        if (figures.Count == 0)
        {
            return;
        }
        var rows = (int)Math.Ceiling(figures.Count / 4.0);
        var perRow = (int)Math.Ceiling(figures.Count / (double)rows);
        Gap(BlockGap);
        for (var start = 0; start < figures.Count; start += perRow)
        {
            var row = figures.Skip(start).Take(perRow).ToList();
            var tileWidth = (Width - gapBetween * (perRow - 1)) / perRow;
            var inner = tileWidth - 2 * pad;
            var laid = row.Select(f => (
                Value: f.Value,
                ValueLines: text.Wrap(f.Value, valueStyle, inner),
                Label: text.Wrap(f.Label, labelStyle, inner),
                Note: f.Note is null ? [] : text.Wrap(f.Note, noteStyle, inner))).ToList();
            var height = laid.Max(t => 3f + pad + t.ValueLines.Count * valueStyle.Leading + 4f + t.Label.Count * labelStyle.Leading
                + (t.Note.Count > 0 ? 3f + t.Note.Count * noteStyle.Leading : 0) + pad);
            PlaceWhole(height, (canvas, top) =>
            {
                for (var i = 0; i < laid.Count; i++)
                {
                    var x = Left + i * (tileWidth + gapBetween);
                    canvas.DrawRect(x, top, tileWidth, height, text.Fill(AccentPale));
                    canvas.DrawRect(x, top, tileWidth, 3f, text.Fill(Accent));
                    var yy = top + 3f + pad;
                    text.DrawLines(canvas, laid[i].ValueLines, x + pad, yy, inner, valueStyle, TextAlign.Left);
                    yy += laid[i].ValueLines.Count * valueStyle.Leading + 4f;
                    text.DrawLines(canvas, laid[i].Label, x + pad, yy, inner, labelStyle, TextAlign.Left);
                    yy += laid[i].Label.Count * labelStyle.Leading + 3f;
                    text.DrawLines(canvas, laid[i].Note, x + pad, yy, inner, noteStyle, TextAlign.Left);
                }
            });
            Gap(gapBetween);
        }
        Gap(BlockGap);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Running head and foot (pass two)

    public void DrawHeaderAndFooter(SKCanvas canvas, LaidOutPage laidOut, int pageCount, string? header, string? footer)
    {
        if (laidOut.IsCover)
        {
            return;
        }
        var style = Running;
        var gapMin = 24f;
        var right = laidOut.Section;
        var leftWidth = header is null ? 0 : text.Measure(header, style);
        var rightWidth = right is null ? 0 : text.Measure(right, style);
        if (header is not null)
        {
            text.DrawText(canvas, header, style, Left, HeaderBaseline);
        }
        if (right is not null && leftWidth + rightWidth + gapMin <= Width)
        {
            text.DrawText(canvas, right, style with { Face = FontFace.Bold, Color = Accent }, Left + Width, HeaderBaseline, TextAlign.Right);
        }
        canvas.DrawRect(Left, HeaderBaseline + 8f, Width, 0.5f, text.Fill(Grey4));

        canvas.DrawRect(Left, FooterBaseline - 14f, Width, 0.5f, text.Fill(Grey4));
        var pageText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Page {laidOut.Number} of {pageCount}");
        var pageWidth = text.DrawText(canvas, pageText, style with { Color = Text }, Left + Width, FooterBaseline, TextAlign.Right);
        if (footer is not null && text.Measure(footer, style) + pageWidth + gapMin <= Width)
        {
            text.DrawText(canvas, footer, style, Left, FooterBaseline);
        }
    }
}
