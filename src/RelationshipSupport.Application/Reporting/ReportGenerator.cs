using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Reporting.Documents;
using RelationshipSupport.Application.Reporting.Styles;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Reporting;

/// <summary>
/// Makes a programme's evaluation report: the figures (<see cref="ReportFiguresBuilder"/>), laid out in the chosen
/// style (<see cref="HeeReport"/> or <see cref="DwpReport"/>) with the narrative, and drawn by the document renderer.
/// The reports page (through the background worker) and the <c>report</c> command both come here, so they cannot differ.
/// </summary>
public sealed class ReportGenerator(AppDbContext db, ReportFiguresBuilder figures, IDocumentRenderer renderer, IOptions<AppOptions> app)
{
    public Task<ReportFigures> FiguresAsync(string programmeCode, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        figures.BuildAsync(programmeCode, from, to, cancellationToken);

    public static ReportDocument Compose(ReportFigures f, ReportStyle style, ReportNarrative narrative) => style switch
    {
        ReportStyle.Dwp => DwpReport.Build(f, narrative),
        _ => HeeReport.Build(f, narrative),
    };

    /// <summary>Draws the report to <paramref name="output"/>; returns the page count.</summary>
    public int Render(ReportFigures f, ReportStyle style, ReportNarrative narrative, Stream output) =>
        renderer.Render(Compose(f, style, narrative), output).PageCount;

    /// <summary>e.g. <c>parents-in-conflict-clinical-evaluation-report-2025-04-01-to-2026-03-31.pdf</c>.</summary>
    public static string FileName(string programmeCode, ReportStyle style, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{programmeCode}-{(style == ReportStyle.Dwp ? "clinical-evaluation-report" : "service-report")}-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.pdf");

    /// <summary>The programme's own report style (its commissioner's).</summary>
    public async Task<ReportStyle> StyleOfAsync(string programmeCode, CancellationToken cancellationToken) =>
        await db.Programmes.Where(p => p.Code == programmeCode).Select(p => (ReportStyle?)p.ReportStyle).SingleOrDefaultAsync(cancellationToken)
        ?? throw new DomainException($"There is no programme with the code “{programmeCode}”.");

    /// <summary>
    /// The narrative a new report starts from: the latest run's texts for the same programme and period, else the
    /// latest run's for the programme, else the programme's report texts (Administration ▸ Programmes) and the
    /// organisation's name.
    /// </summary>
    public async Task<ReportNarrative> NarrativeAsync(string programmeCode, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Code == programmeCode, cancellationToken)
            ?? throw new DomainException($"There is no programme with the code “{programmeCode}”.");
        var runs = db.ReportRuns.AsNoTracking().Where(r => r.ProgrammeId == programme.Id);
        var latest = await runs.Where(r => r.From == from && r.To == to).OrderByDescending(r => r.RequestedAtUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await runs.OrderByDescending(r => r.RequestedAtUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return latest is not null
            ? ReportNarrative.Of(latest)
            : new ReportNarrative
            {
                Provider = app.Value.OrganisationName,
                Introduction = programme.ReportIntroduction,
                ServiceModel = programme.ReportServiceDescription,
                Conclusions = programme.ReportConclusions,
            };
    }
}
