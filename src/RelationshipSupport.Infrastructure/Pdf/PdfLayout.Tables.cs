using RelationshipSupport.Application.Reporting.Documents;
using SkiaSharp;
using static RelationshipSupport.Infrastructure.Pdf.PdfTheme;

namespace RelationshipSupport.Infrastructure.Pdf;

internal sealed partial class PdfLayout
{
    private const float CellPadX = 6f;
    private const float CellPadY = 4.5f;

    private sealed record LaidOutRow(List<TextLine>[] Cells, TableRowStyle Style, float Height, int Stripe);

    /// <summary>A table: caption, header, rows. Breaks between rows; the header row (and the caption, marked
    /// "continued") is repeated at the top of each further page.</summary>
    private void Table(TableBlock table)
    {
        var columns = table.Columns;
        if (columns.Count == 0)
        {
            return;
        }
        var totalWeight = columns.Sum(c => Math.Max(0.01f, c.Width));
        var widths = columns.Select(c => Width * Math.Max(0.01f, c.Width) / totalWeight).ToArray();
        var offsets = new float[columns.Count];
        for (var c = 1; c < columns.Count; c++)
        {
            offsets[c] = offsets[c - 1] + widths[c - 1];
        }

        var headerCells = columns.Select((c, i) => text.Wrap(c.Header, TableHeader, widths[i] - 2 * CellPadX)).ToArray();
        var headerHeight = headerCells.Max(l => l.Count) * TableHeader.Leading + 2 * CellPadY + 1f;

        var rows = new List<LaidOutRow>(table.Rows.Count);
        var stripe = 0; // zebra stripes start afresh under each group label
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var style = CellStyle(row.Style);
            List<TextLine>[] cells;
            if (row.Style == TableRowStyle.Group)
            {
                cells = [text.Wrap(row.Cells.Count > 0 ? row.Cells[0] : string.Empty, style, Width - 2 * CellPadX)];
            }
            else
            {
                cells = new List<TextLine>[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    cells[c] = text.Wrap(c < row.Cells.Count ? row.Cells[c] : string.Empty, style, widths[c] - 2 * CellPadX);
                }
            }
            var lineCount = Math.Max(1, cells.Max(l => l.Count));
            var extra = row.Style == TableRowStyle.Group ? 3f : 0f;
            stripe = row.Style == TableRowStyle.Group ? 0 : stripe + 1;
            rows.Add(new LaidOutRow(cells, row.Style, lineCount * style.Leading + 2 * CellPadY + extra, stripe));
        }

        var caption = table.Caption is null ? [] : text.Wrap(table.Caption, Caption, Width);
        var captionHeight = caption.Count * Caption.Leading + (caption.Count > 0 ? 5f : 0f);
        var continued = table.Caption is null ? [] : text.Wrap(table.Caption + " (continued)", Note, Width);
        var continuedHeight = continued.Count * Note.Leading + (continued.Count > 0 ? 4f : 0f);
        var footnote = table.Footnote is null ? [] : text.Wrap(table.Footnote, Note with { Size = 7.5f, Leading = 10.5f }, Width);

        Gap(BlockGap);
        // Keep the caption and header with at least the first two rows.
        var firstRows = rows.Take(2).Sum(r => r.Height);
        Need(captionHeight + headerHeight + firstRows);
        var start = 0;
        var first = true;
        while (true)
        {
            var top = Take(0);
            var label = first ? caption : continued;
            var labelHeight = first ? captionHeight : continuedHeight;
            var labelStyle = first ? Caption : Note;
            var fragmentTop = top + labelHeight;
            var available = Bottom - fragmentTop - headerHeight;
            var end = start;
            float used = 0;
            while (end < rows.Count && (used + rows[end].Height <= available || end == start))
            {
                used += rows[end].Height;
                end++;
            }
            var slice = rows.GetRange(start, end - start);
            var isLast = end >= rows.Count;
            var fragmentHeight = labelHeight + headerHeight + used;
            y = top + fragmentHeight;
            Draw(canvas =>
            {
                text.DrawLines(canvas, label, Left, top, Width, labelStyle, TextAlign.Left);
                DrawTableFragment(canvas, table, widths, offsets, headerCells, headerHeight, slice, fragmentTop, isLast);
            });
            if (isLast)
            {
                break;
            }
            start = end;
            first = false;
            NewPage();
        }
        if (footnote.Count > 0)
        {
            var noteStyle = Note with { Size = 7.5f, Leading = 10.5f };
            Gap(5f);
            PlaceLines(footnote, noteStyle, 0, Width, TextAlign.Left);
        }
        Gap(BlockGap + 4f);
    }

    private static TextStyle CellStyle(TableRowStyle style) => style switch
    {
        TableRowStyle.Strong => TableCell with { Face = FontFace.Bold },
        TableRowStyle.Group => TableCell with { Face = FontFace.Bold, Color = AccentDark },
        _ => TableCell,
    };

    private void DrawTableFragment(SKCanvas canvas, TableBlock table, float[] widths, float[] offsets,
        List<TextLine>[] headerCells, float headerHeight, List<LaidOutRow> rows, float top, bool isLast)
    {
        var columns = table.Columns;

        // Header: bold, on a pale band, with the accent rule beneath.
        canvas.DrawRect(Left, top, Width, headerHeight, text.Fill(Grey5));
        for (var c = 0; c < columns.Count; c++)
        {
            text.DrawLines(canvas, headerCells[c], Left + offsets[c] + CellPadX, top + CellPadY, widths[c] - 2 * CellPadX,
                TableHeader, Align(columns[c].Align));
        }
        canvas.DrawRect(Left, top + headerHeight - 1.2f, Width, 1.2f, text.Fill(Accent));

        var yy = top + headerHeight;
        foreach (var row in rows)
        {
            var style = CellStyle(row.Style);
            if (row.Style == TableRowStyle.Group)
            {
                text.DrawLines(canvas, row.Cells[0], Left + CellPadX, yy + CellPadY + 3f, Width - 2 * CellPadX, style, TextAlign.Left);
            }
            else
            {
                if (table.Style == TableStyle.Zebra && row.Stripe % 2 == 0)
                {
                    canvas.DrawRect(Left, yy, Width, row.Height, text.Fill(Grey5));
                }
                for (var c = 0; c < columns.Count; c++)
                {
                    text.DrawLines(canvas, row.Cells[c], Left + offsets[c] + CellPadX, yy + CellPadY, widths[c] - 2 * CellPadX,
                        style, Align(columns[c].Align));
                }
            }
            yy += row.Height;
            if (table.Style == TableStyle.Rules && row != rows[^1])
            {
                canvas.DrawRect(Left, yy - 0.25f, Width, 0.5f, text.Fill(Grey4));
            }
        }
        canvas.DrawRect(Left, yy - 0.4f, Width, isLast ? 0.8f : 0.5f, text.Fill(isLast ? Grey3 : Grey4));
    }

    private static TextAlign Align(CellAlign align) => align switch
    {
        CellAlign.Right => TextAlign.Right,
        CellAlign.Center => TextAlign.Center,
        _ => TextAlign.Left,
    };
}
