using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes;

/// <summary>Which instrument versions are in force, and what a programme gives at each timepoint.</summary>
public sealed class InstrumentCatalogue(AppDbContext db)
{
    /// <summary>The latest version of each code that is not retired.</summary>
    public IQueryable<Instrument> Current() =>
        db.Instruments.Where(i => !i.IsRetired && !db.Instruments.Any(n => n.Code == i.Code && n.Version > i.Version));

    /// <summary>The programme's instruments at <paramref name="timepoint"/>, current versions, in the programme's order.</summary>
    public async Task<IReadOnlyList<Instrument>> ScheduledAsync(int programmeId, Timepoint timepoint, CancellationToken cancellationToken)
    {
        var schedule = await db.ProgrammeInstruments
            .Where(p => p.ProgrammeId == programmeId && p.Timepoint == timepoint)
            .OrderBy(p => p.SortOrder)
            .Select(p => p.InstrumentCode)
            .ToListAsync(cancellationToken);
        var current = await Current().Where(i => schedule.Contains(i.Code)).ToListAsync(cancellationToken);
        return schedule.Select(code => current.SingleOrDefault(i => i.Code == code)).OfType<Instrument>().ToList();
    }

    /// <summary>The timepoints at which the programme gives anything.</summary>
    public async Task<IReadOnlyList<Timepoint>> TimepointsAsync(int programmeId, CancellationToken cancellationToken) =>
        await db.ProgrammeInstruments.Where(p => p.ProgrammeId == programmeId)
            .Select(p => p.Timepoint).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
}
