using System.Globalization;
using RelationshipSupport.Application.Reporting.Documents;
using SkiaSharp;
using static RelationshipSupport.Infrastructure.Pdf.PdfTheme;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>
/// The referral flowchart: a column of boxes joined by arrows, each with its count, and side boxes to the right for
/// those who left between two steps. Drawn with vector paths; labels and counts are text.
/// </summary>
internal sealed class FlowchartFigure
{
    private const float PadX = 10f;
    private const float PadY = 5.5f;
    private const float Connector = 18f;
    private const float ArrowHead = 5f;

    private static readonly TextStyle TitleStyle = new(FontFace.Bold, 9f, 12.5f, Text);
    private static readonly TextStyle LabelStyle = new(FontFace.Regular, 8.5f, 11.5f, Text);
    private static readonly TextStyle CountStyle = new(FontFace.Bold, 9.5f, 13f, Accent);
    private static readonly TextStyle ExitLabelStyle = new(FontFace.Regular, 7.5f, 10f, TextSecondary);
    private static readonly TextStyle ExitCountStyle = new(FontFace.Bold, 8f, 11f, SKColor.Parse("#425563"));

    private readonly TextEngine text;
    private readonly float width;
    private readonly float mainWidth, mainX, sideWidth, sideX;
    private readonly List<TextLine> title;
    private readonly List<TextLine> caption;
    private readonly List<Box> boxes = [];

    private sealed record Box(List<TextLine> Label, string? Count, float Height, Box? Exit, float Below);

    public FlowchartFigure(TextEngine text, FlowchartBlock flowchart, float width)
    {
        this.text = text;
        this.width = width;
        mainWidth = Math.Min(230f, width * 0.5f);
        var column = width * 0.6f;
        mainX = (column - mainWidth) / 2;
        sideX = column + 6f;
        sideWidth = width - sideX;
        title = flowchart.Title is null ? [] : text.Wrap(flowchart.Title, TitleStyle, width);
        caption = flowchart.Caption is null ? [] : text.Wrap(flowchart.Caption, Note, width);

        for (var i = 0; i < flowchart.Steps.Count; i++)
        {
            var step = flowchart.Steps[i];
            var label = text.Wrap(step.Label, LabelStyle, mainWidth - 2 * PadX);
            var count = Count(step.Count);
            var height = 2 * PadY + label.Count * LabelStyle.Leading + (count is null ? 0 : CountStyle.Leading);
            Box? exit = null;
            if (step.Exit is { } e)
            {
                var exitLabel = text.Wrap(e.Label, ExitLabelStyle, sideWidth - 2 * PadX);
                var exitCount = Count(e.Count);
                var exitHeight = 2 * (PadY - 1f) + exitLabel.Count * ExitLabelStyle.Leading + (exitCount is null ? 0 : ExitCountStyle.Leading);
                exit = new Box(exitLabel, exitCount, exitHeight, null, 0);
            }
            var isLast = i == flowchart.Steps.Count - 1;
            var below = exit is null ? (isLast ? 0 : Connector) : Math.Max(Connector, exit.Height + 10f);
            boxes.Add(new Box(label, count, height, exit, below));
        }

        Height = (title.Count > 0 ? title.Count * TitleStyle.Leading + 8f : 0f)
            + boxes.Sum(b => b.Height + b.Below)
            + (caption.Count > 0 ? 8f + caption.Count * Note.Leading : 0f);
    }

    public float Height { get; }

    private static string? Count(int? count) =>
        count is null ? null : string.Create(CultureInfo.InvariantCulture, $"n = {count.Value:N0}");

    public void Draw(SKCanvas canvas, float left, float top)
    {
        var yy = top;
        text.DrawLines(canvas, title, left, yy, width, TitleStyle, TextAlign.Left);
        yy += title.Count > 0 ? title.Count * TitleStyle.Leading + 8f : 0f;

        using var stroke = new SKPaint { Color = Grey1, StrokeWidth = 0.9f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var boxBorder = new SKPaint { Color = Accent, StrokeWidth = 1f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var exitBorder = new SKPaint { Color = Grey3, StrokeWidth = 0.75f, Style = SKPaintStyle.Stroke, IsAntialias = true };
        var centre = left + mainX + mainWidth / 2;

        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            var rect = new SKRect(left + mainX, yy, left + mainX + mainWidth, yy + box.Height);
            canvas.DrawRoundRect(rect, 3f, 3f, text.Fill(AccentPale));
            canvas.DrawRoundRect(rect, 3f, 3f, boxBorder);
            DrawBoxText(canvas, box, rect, LabelStyle, CountStyle);
            yy = rect.Bottom;

            var hasNext = i < boxes.Count - 1;
            if (hasNext)
            {
                Arrow(canvas, stroke, new SKPoint(centre, yy), new SKPoint(centre, yy + box.Below));
            }
            if (box.Exit is { } exit)
            {
                var mid = yy + box.Below / 2;
                if (!hasNext)
                {
                    canvas.DrawLine(centre, yy, centre, mid, stroke);
                }
                var exitRect = new SKRect(left + sideX, mid - exit.Height / 2, left + sideX + sideWidth, mid + exit.Height / 2);
                Arrow(canvas, stroke, new SKPoint(centre, mid), new SKPoint(exitRect.Left, mid));
                canvas.DrawRoundRect(exitRect, 3f, 3f, text.Fill(Grey5));
                canvas.DrawRoundRect(exitRect, 3f, 3f, exitBorder);
                DrawBoxText(canvas, exit, exitRect, ExitLabelStyle, ExitCountStyle, PadY - 1f);
            }
            yy += box.Below;
        }
        if (caption.Count > 0)
        {
            text.DrawLines(canvas, caption, left, yy + 8f, width, Note, TextAlign.Left);
        }
    }

    private void DrawBoxText(SKCanvas canvas, Box box, SKRect rect, TextStyle label, TextStyle count, float padY = PadY)
    {
        var inner = rect.Width - 2 * PadX;
        text.DrawLines(canvas, box.Label, rect.Left + PadX, rect.Top + padY, inner, label, TextAlign.Center);
        if (box.Count is not null)
        {
            var top = rect.Top + padY + box.Label.Count * label.Leading;
            text.DrawText(canvas, box.Count, count, rect.MidX, top + text.BaselineOffset(count), TextAlign.Center);
        }
    }

    private void Arrow(SKCanvas canvas, SKPaint stroke, SKPoint from, SKPoint to)
    {
        var dx = to.X - from.X;
        var dy = to.Y - from.Y;
        var length = MathF.Sqrt(dx * dx + dy * dy);
        if (length < 1f)
        {
            return;
        }
        var ux = dx / length;
        var uy = dy / length;
        var shaftEnd = new SKPoint(to.X - ux * ArrowHead, to.Y - uy * ArrowHead);
        canvas.DrawLine(from, shaftEnd, stroke);
        using var head = new SKPath();
        head.MoveTo(to);
        head.LineTo(to.X - ux * ArrowHead - uy * ArrowHead * 0.6f, to.Y - uy * ArrowHead + ux * ArrowHead * 0.6f);
        head.LineTo(to.X - ux * ArrowHead + uy * ArrowHead * 0.6f, to.Y - uy * ArrowHead - ux * ArrowHead * 0.6f);
        head.Close();
        canvas.DrawPath(head, text.Fill(Grey1));
    }
}
