using RelationshipSupport.Application.Reporting.Documents;
using static RelationshipSupport.Infrastructure.Pdf.PdfTheme;

namespace RelationshipSupport.Infrastructure.Pdf;

internal sealed partial class PdfLayout
{
    private void Chart(ChartBlock chart)
    {
        if (chart.Categories.Count == 0 || chart.Series.Count == 0)
        {
            // Nothing to plot (a programme with no data yet): say so where the chart would be.
            var title = chart.Title ?? chart.Caption ?? "Chart";
            Paragraph(new ParagraphBlock($"**{title}**: no data to show for this period.", ParagraphStyle.Note));
            return;
        }
        var figure = new ChartFigure(text, chart, Width);
        Gap(BlockGap + 4f);
        PlaceWhole(figure.Height, (canvas, top) => figure.Draw(canvas, Left, top));
        Gap(BlockGap + 4f);
    }

    private void Flowchart(FlowchartBlock flowchart)
    {
        var figure = new FlowchartFigure(text, flowchart, Width);
        Gap(BlockGap + 4f);
        PlaceWhole(figure.Height, (canvas, top) => figure.Draw(canvas, Left, top));
        Gap(BlockGap + 4f);
    }
}
