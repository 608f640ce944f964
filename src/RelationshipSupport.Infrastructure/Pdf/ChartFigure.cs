using System.Globalization;
using RelationshipSupport.Application.Reporting.Documents;
using ScottPlot;
using SkiaSharp;
using static RelationshipSupport.Infrastructure.Pdf.PdfTheme;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>
/// A chart laid out and drawn on the page canvas. ScottPlot draws the data area straight onto the PDF canvas (bars,
/// lines, grid, the value axis with its ticks and title), so everything stays vector and its text stays text; the
/// report's own text engine sets the title, legend, category labels, value labels and caption around it, so a chart's
/// type matches the page's. The data area is fixed (ScottPlot's fixed layout), so both agree on where things are.
/// </summary>
internal sealed class ChartFigure
{
    private const float LegendSwatch = 7.5f;
    private const float LegendGap = 14f;

    private readonly TextEngine text;
    private readonly ChartBlock chart;
    private readonly float width;

    private readonly List<TextLine> title;
    private readonly List<TextLine> caption;
    private readonly List<List<(int Series, float X, float Width)>> legendRows = [];
    private readonly float legendHeight;

    private readonly bool horizontal;
    private readonly float plotHeight;
    private readonly float padLeft, padRight, padTop, padBottom;
    private readonly List<TextLine>[] categoryLabels;
    private readonly float categoryLabelHeight;
    private readonly List<TextLine> categoryTitle;
    private readonly double valueMin, valueMax;
    private readonly double[] ticks;
    private readonly string[] tickLabels;

    private static readonly TextStyle TitleStyle = new(FontFace.Bold, 9f, 12.5f, Text);
    private static readonly TextStyle LegendStyle = new(FontFace.Regular, 7.5f, 11f, Text);
    private static readonly TextStyle CategoryStyle = new(FontFace.Regular, 7.5f, 9.5f, Text);
    private static readonly TextStyle AxisTitleStyle = new(FontFace.Regular, 7.5f, 10f, TextSecondary);

    public ChartFigure(TextEngine text, ChartBlock chart, float width)
    {
        this.text = text;
        this.chart = chart;
        this.width = width;
        horizontal = chart.Kind == ChartKind.StackedHorizontalBar;
        title = chart.Title is null ? [] : text.Wrap(chart.Title, TitleStyle, width);
        caption = chart.Caption is null ? [] : text.Wrap(chart.Caption, Note, width);
        categoryTitle = chart.CategoryAxisTitle is null || horizontal ? [] : text.Wrap(chart.CategoryAxisTitle, AxisTitleStyle, width);

        // Legend: swatch and name, wrapped into rows. A single-series bar chart needs none.
        var hasReference = chart.ReferenceLine is not null && !horizontal;
        if (chart.Series.Count > 1 || horizontal || hasReference)
        {
            var row = new List<(int, float, float)>();
            float x = 0;
            var items = chart.Series.Count + (hasReference ? 1 : 0);
            for (var s = 0; s < items; s++)
            {
                var itemWidth = SwatchWidth(s) + 5f + text.Measure(LegendName(s), LegendStyle);
                if (row.Count > 0 && x + itemWidth > width)
                {
                    legendRows.Add(row);
                    row = [];
                    x = 0;
                }
                row.Add((s, x, itemWidth));
                x += itemWidth + LegendGap;
            }
            if (row.Count > 0)
            {
                legendRows.Add(row);
            }
        }
        legendHeight = legendRows.Count * LegendStyle.Leading + (legendRows.Count > 0 ? 6f : 0f);

        var categories = chart.Categories;
        if (horizontal)
        {
            // Stacked percentages: category labels in a left column, one bar per category, a 0–100% axis below.
            valueMin = 0;
            valueMax = 100;
            ticks = [0, 25, 50, 75, 100];
            tickLabels = ticks.Select(t => t.ToString("0", CultureInfo.InvariantCulture) + "%").ToArray();
            var labelColumn = width * 0.4f;
            categoryLabels = categories.Select(c => text.Wrap(c, CategoryStyle, labelColumn - 10f)).ToArray();
            var rowHeight = Math.Max(21f, categoryLabels.Select(l => l.Count).DefaultIfEmpty(1).Max() * CategoryStyle.Leading + 9f);
            padLeft = labelColumn;
            padRight = 10f;
            padTop = 2f;
            padBottom = 18f + (chart.ValueAxisTitle is null ? 0f : 14f);
            plotHeight = rowHeight * Math.Max(1, categories.Count) + padTop + padBottom;
            categoryLabelHeight = 0;
        }
        else
        {
            (valueMin, valueMax, ticks) = NiceScale(chart);
            var format = TickFormat(ticks);
            tickLabels = ticks.Select(t => t.ToString(format, CultureInfo.InvariantCulture)).ToArray();
            var tickWidth = tickLabels.Max(l => text.Measure(l, AxisTitleStyle));
            padLeft = tickWidth + 8f + (chart.ValueAxisTitle is null ? 0f : 16f);
            padRight = 8f;
            padTop = 8f;
            padBottom = 0f;
            plotHeight = chart.Size switch
            {
                ChartSize.Small => 140f,
                ChartSize.Large => 260f,
                _ => 195f,
            };
            var slot = (width - padLeft - padRight) / Math.Max(1, categories.Count);
            categoryLabels = categories.Select(c => text.Wrap(c, CategoryStyle, Math.Max(20f, slot - 6f))).ToArray();
            categoryLabelHeight = 5f + categoryLabels.Select(l => l.Count).DefaultIfEmpty(1).Max() * CategoryStyle.Leading;
        }

        Height = (title.Count > 0 ? title.Count * TitleStyle.Leading + 4f : 0f)
            + legendHeight
            + plotHeight
            + categoryLabelHeight
            + (categoryTitle.Count > 0 ? 3f + categoryTitle.Count * AxisTitleStyle.Leading : 0f)
            + (caption.Count > 0 ? 6f + caption.Count * Note.Leading : 0f);
    }

    public float Height { get; }

    public void Draw(SKCanvas canvas, float left, float top)
    {
        var yy = top;
        text.DrawLines(canvas, title, left, yy, width, TitleStyle, TextAlign.Left);
        yy += title.Count > 0 ? title.Count * TitleStyle.Leading + 4f : 0f;
        DrawLegend(canvas, left, yy);
        yy += legendHeight;

        var data = new SKRect(left + padLeft, yy + padTop, left + width - padRight, yy + plotHeight - padBottom);
        RenderPlot(canvas, left, yy);
        DrawAnnotations(canvas, data);
        yy += plotHeight;

        if (!horizontal)
        {
            var slot = data.Width / Math.Max(1, chart.Categories.Count);
            for (var i = 0; i < categoryLabels.Length; i++)
            {
                text.DrawLines(canvas, categoryLabels[i], data.Left + i * slot + 3f, yy + 5f, slot - 6f, CategoryStyle, TextAlign.Center);
            }
            yy += categoryLabelHeight;
            if (categoryTitle.Count > 0)
            {
                text.DrawLines(canvas, categoryTitle, data.Left, yy + 3f, data.Width, AxisTitleStyle, TextAlign.Center);
                yy += 3f + categoryTitle.Count * AxisTitleStyle.Leading;
            }
        }
        if (caption.Count > 0)
        {
            text.DrawLines(canvas, caption, left, yy + 6f, width, Note, TextAlign.Left);
        }
    }

    private SKColor SeriesColor(int series) =>
        horizontal ? Ramp[series % Ramp.Length] : PdfTheme.Palette[series % PdfTheme.Palette.Length];

    private static ScottPlot.Color ToScott(SKColor color) => new(color.Red, color.Green, color.Blue, color.Alpha);

    private static readonly SKColor ReferenceColor = SKColor.Parse("#425563");

    private bool IsReferenceItem(int item) => item >= chart.Series.Count;

    private string LegendName(int item) => IsReferenceItem(item) ? chart.ReferenceLine!.Label : chart.Series[item].Name;

    private float SwatchWidth(int item) => IsReferenceItem(item) || chart.Kind == ChartKind.Line ? 16f : LegendSwatch;

    private void DrawLegend(SKCanvas canvas, float left, float top)
    {
        var baselineOffset = text.BaselineOffset(LegendStyle);
        for (var r = 0; r < legendRows.Count; r++)
        {
            var rowTop = top + r * LegendStyle.Leading;
            foreach (var (item, x, _) in legendRows[r])
            {
                var swatchWidth = SwatchWidth(item);
                var mid = rowTop + LegendStyle.Leading / 2;
                if (IsReferenceItem(item))
                {
                    using var dashed = new SKPaint { Color = ReferenceColor, StrokeWidth = 1f, Style = SKPaintStyle.Stroke, IsAntialias = true };
                    using var effect = SKPathEffect.CreateDash([3f, 2f], 0);
                    dashed.PathEffect = effect;
                    canvas.DrawLine(left + x, mid, left + x + swatchWidth, mid, dashed);
                }
                else if (chart.Kind == ChartKind.Line)
                {
                    using var line = new SKPaint { Color = SeriesColor(item), StrokeWidth = 1.8f, Style = SKPaintStyle.Stroke, IsAntialias = true };
                    canvas.DrawLine(left + x, mid, left + x + swatchWidth, mid, line);
                    canvas.DrawCircle(left + x + swatchWidth / 2, mid, 2.6f, text.Fill(SeriesColor(item)));
                }
                else
                {
                    canvas.DrawRect(left + x, mid - LegendSwatch / 2, LegendSwatch, LegendSwatch, text.Fill(SeriesColor(item)));
                }
                text.DrawText(canvas, LegendName(item), LegendStyle, left + x + swatchWidth + 5f, rowTop + baselineOffset);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // ScottPlot: the data area and the value axis

    private void RenderPlot(SKCanvas canvas, float left, float top)
    {
        using var plot = new Plot();
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = Colors.Transparent;
        plot.Font.Set(PdfFonts.FamilyName);
        plot.Layout.Fixed(new PixelPadding(padLeft, padRight, padBottom, padTop));

        var categories = chart.Categories.Count;
        var grid = plot.Grid;
        grid.MajorLineColor = ToScott(Grey4);
        grid.MajorLineWidth = 0.5f;
        grid.MinorLineWidth = 0f;

        IAxis valueAxis = horizontal ? plot.Axes.Bottom : plot.Axes.Left;
        IAxis categoryAxis = horizontal ? plot.Axes.Left : plot.Axes.Bottom;
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Right, plot.Axes.Top, plot.Axes.Bottom })
        {
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
            axis.TickLabelStyle.FontSize = 7.5f;
            axis.TickLabelStyle.ForeColor = ToScott(TextSecondary);
            axis.TickLabelStyle.FontName = PdfFonts.FamilyName;
            axis.Label.FontName = PdfFonts.FamilyName;
            axis.Label.FontSize = 7.5f;
            axis.Label.Bold = false;
            axis.Label.ForeColor = ToScott(TextSecondary);
        }
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;

        // The category axis: a baseline only (its labels are set by the text engine, wrapped).
        categoryAxis.FrameLineStyle.Width = horizontal ? 0f : 0.8f;
        categoryAxis.FrameLineStyle.Color = ToScott(Grey1);
        SetTicks(categoryAxis, [], []);

        SetTicks(valueAxis, ticks, tickLabels);
        valueAxis.Label.Text = chart.ValueAxisTitle ?? string.Empty;
        if (horizontal)
        {
            grid.YAxisStyle.IsVisible = false;
            grid.XAxisStyle.IsVisible = true;
            plot.Axes.SetLimits(valueMin, valueMax, -0.5, categories - 0.5);
            valueAxis.TickLabelStyle.ForeColor = ToScott(TextSecondary);
        }
        else
        {
            grid.XAxisStyle.IsVisible = false;
            grid.YAxisStyle.IsVisible = true;
            plot.Axes.SetLimits(-0.5, categories - 0.5, valueMin, valueMax);
        }

        switch (chart.Kind)
        {
            case ChartKind.Bar:
            case ChartKind.GroupedBar:
                AddBars(plot);
                break;
            case ChartKind.StackedHorizontalBar:
                AddStacked(plot);
                break;
            case ChartKind.Line:
                AddLines(plot);
                break;
        }
        if (!horizontal && valueMin < 0)
        {
            plot.Add.HorizontalLine(0, 0.8f, ToScott(Grey1), LinePattern.Solid).Text = string.Empty;
        }
        if (chart.ReferenceLine is { } reference && !horizontal)
        {
            var line = plot.Add.HorizontalLine(reference.Value, 1f, ToScott(ReferenceColor), LinePattern.DenselyDashed);
            line.Text = string.Empty;
        }

        canvas.Save();
        canvas.Translate(left, top);
        canvas.ClipRect(new SKRect(0, 0, width, plotHeight));
        plot.Render(canvas, new PixelRect(0, width, plotHeight, 0));
        canvas.Restore();
    }

    private static void SetTicks(IAxis axis, double[] positions, string[] labels)
    {
        switch (axis)
        {
            case ScottPlot.AxisPanels.XAxisBase x:
                x.SetTicks(positions, labels);
                break;
            case ScottPlot.AxisPanels.YAxisBase y:
                y.SetTicks(positions, labels);
                break;
        }
    }

    private (double Offset, double Size)[] BarSlots()
    {
        var series = Math.Max(1, chart.Series.Count);
        if (chart.Kind == ChartKind.Bar || series == 1)
        {
            return [(0, 0.56)];
        }
        var group = Math.Min(0.8, 0.3 + 0.17 * series);
        var size = group / series;
        return Enumerable.Range(0, series).Select(s => (-group / 2 + size * (s + 0.5), size * 0.86)).ToArray();
    }

    private void AddBars(Plot plot)
    {
        var slots = BarSlots();
        var seriesCount = chart.Kind == ChartKind.Bar ? Math.Min(1, chart.Series.Count) : chart.Series.Count;
        for (var s = 0; s < seriesCount; s++)
        {
            var values = chart.Series[s].Values;
            var bars = new List<Bar>();
            for (var i = 0; i < chart.Categories.Count && i < values.Count; i++)
            {
                if (double.IsNaN(values[i]))
                {
                    continue;
                }
                bars.Add(new Bar
                {
                    Position = i + slots[s].Offset,
                    Value = values[i],
                    ValueBase = Math.Max(valueMin, 0),
                    Size = slots[s].Size,
                    FillColor = ToScott(SeriesColor(s)),
                    LineWidth = 0,
                });
            }
            plot.Add.Bars(bars);
        }
    }

    private void AddStacked(Plot plot)
    {
        var categories = chart.Categories.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < categories; i++)
        {
            double cumulative = 0;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var v = i < chart.Series[s].Values.Count ? chart.Series[s].Values[i] : double.NaN;
                if (double.IsNaN(v) || v <= 0)
                {
                    continue;
                }
                bars.Add(new Bar
                {
                    Position = categories - 1 - i,
                    ValueBase = cumulative,
                    Value = cumulative + v,
                    Size = 0.62,
                    FillColor = ToScott(SeriesColor(s)),
                    LineWidth = 0,
                    Orientation = Orientation.Horizontal,
                });
                cumulative += v;
            }
        }
        plot.Add.Bars(bars);
    }

    private void AddLines(Plot plot)
    {
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var values = chart.Series[s].Values;
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < chart.Categories.Count && i < values.Count; i++)
            {
                if (!double.IsNaN(values[i]))
                {
                    xs.Add(i);
                    ys.Add(values[i]);
                }
            }
            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), ToScott(SeriesColor(s)));
            scatter.LineWidth = 1.8f;
            scatter.MarkerSize = 5.5f;
            scatter.MarkerShape = MarkerShape.FilledCircle;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Text over the data area: value labels and the reference line's label

    private void DrawAnnotations(SKCanvas canvas, SKRect data)
    {
        float X(double v) => horizontal
            ? data.Left + (float)((v - valueMin) / (valueMax - valueMin)) * data.Width
            : data.Left + (float)((v + 0.5) / chart.Categories.Count) * data.Width;
        float Y(double v) => horizontal
            ? data.Top + (float)((v + 0.5) / chart.Categories.Count) * data.Height
            : data.Bottom - (float)((v - valueMin) / (valueMax - valueMin)) * data.Height;

        if (horizontal)
        {
            for (var i = 0; i < categoryLabels.Length; i++)
            {
                var lines = categoryLabels[i];
                var blockTop = Y(i) - lines.Count * CategoryStyle.Leading / 2;
                text.DrawLines(canvas, lines, data.Left - padLeft, blockTop, padLeft - 10f, CategoryStyle, TextAlign.Left);
            }
            if (chart.ValueFormat is { } segmentFormat)
            {
                var labelStyle = ChartValue with { Size = 7f };
                for (var i = 0; i < chart.Categories.Count; i++)
                {
                    double cumulative = 0;
                    for (var s = 0; s < chart.Series.Count; s++)
                    {
                        var v = i < chart.Series[s].Values.Count ? chart.Series[s].Values[i] : double.NaN;
                        if (double.IsNaN(v) || v <= 0)
                        {
                            continue;
                        }
                        var label = v.ToString(segmentFormat, CultureInfo.InvariantCulture);
                        var x0 = X(cumulative);
                        var x1 = X(cumulative + v);
                        if (text.Measure(label, labelStyle) + 6f <= x1 - x0)
                        {
                            var color = s == 0 ? White : s >= 3 ? White : Text;
                            var cy = Y(i);
                            var face = text.Face(labelStyle.Face);
                            text.DrawText(canvas, label, labelStyle with { Color = color }, (x0 + x1) / 2,
                                cy + face.CapHeight * labelStyle.Size / 2, TextAlign.Center);
                        }
                        cumulative += v;
                    }
                }
            }
            return;
        }

        if (chart.ValueFormat is { } format && chart.Kind != ChartKind.Line)
        {
            var slots = BarSlots();
            var seriesCount = chart.Kind == ChartKind.Bar ? Math.Min(1, chart.Series.Count) : chart.Series.Count;
            var labelStyle = seriesCount > 3 ? ChartValue with { Size = 6f } : ChartValue;
            for (var s = 0; s < seriesCount; s++)
            {
                var values = chart.Series[s].Values;
                for (var i = 0; i < chart.Categories.Count && i < values.Count; i++)
                {
                    if (double.IsNaN(values[i]))
                    {
                        continue;
                    }
                    var x = data.Left + (float)((i + slots[s].Offset + 0.5) / chart.Categories.Count) * data.Width;
                    var end = Y(values[i]);
                    var below = values[i] < 0; // a negative bar hangs from zero: its label goes under its end
                    text.DrawText(canvas, values[i].ToString(format, CultureInfo.InvariantCulture), labelStyle, x,
                        below ? end + labelStyle.Size + 2f : end - 3f, TextAlign.Center, halo: White);
                }
            }
        }
        else if (chart.ValueFormat is { } lineFormat)
        {
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var values = chart.Series[s].Values;
                for (var i = 0; i < chart.Categories.Count && i < values.Count; i++)
                {
                    if (!double.IsNaN(values[i]))
                    {
                        text.DrawText(canvas, values[i].ToString(lineFormat, CultureInfo.InvariantCulture),
                            ChartValue with { Color = SeriesColor(s) }, X(i), Y(values[i]) - 6f, TextAlign.Center, halo: White);
                    }
                }
            }
        }

    }

    // ------------------------------------------------------------------------------------------------------------
    // Value scale

    private static (double Min, double Max, double[] Ticks) NiceScale(ChartBlock chart)
    {
        var values = chart.Series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v) && !double.IsInfinity(v)).ToList();
        if (chart.ReferenceLine is { } reference)
        {
            values.Add(reference.Value);
        }
        var dataMin = values.Count == 0 ? 0 : values.Min();
        var dataMax = values.Count == 0 ? 1 : values.Max();
        // Below zero, leave room under the lowest bar for its value label, as above the highest.
        var min = chart.ValueMin ?? (dataMin < 0 ? dataMin - 0.1 * (Math.Max(dataMax, 0) - dataMin) : 0);
        var max = chart.ValueMax ?? Math.Max(dataMax * 1.1, min + 1e-9);
        if (max <= min)
        {
            max = min + 1;
        }
        var step = NiceStep((max - min) / 5);
        if (chart.ValueMin is null)
        {
            min = Math.Floor(min / step) * step;
        }
        if (chart.ValueMax is null)
        {
            max = Math.Ceiling(max / step - 1e-9) * step;
        }
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step - 1e-9) * step; t <= max + step * 1e-6; t += step)
        {
            var tick = Math.Round(t, 10);
            ticks.Add(Math.Abs(tick) < 1e-12 ? 0 : tick); // never "-0"
        }
        return (min, max, [.. ticks]);
    }

    private static double NiceStep(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw))
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static string TickFormat(double[] ticks) =>
        ticks.All(t => Math.Abs(t - Math.Round(t)) < 1e-9) ? "0"
        : ticks.All(t => Math.Abs(t * 10 - Math.Round(t * 10)) < 1e-9) ? "0.0"
        : "0.00";
}
