using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Admin.Instruments;

/// <summary>One stored version of a questionnaire: its definition (parsed, and the JSON exactly as stored) and its place among the code's versions.</summary>
public static class GetInstrumentVersion
{
    public sealed record Query(string Code, int Version) : IRequest<Details>;

    public sealed record Details(
        string Code,
        int Version,
        string Name,
        InstrumentDefinition Definition,
        string DefinitionJson,
        bool IsBuiltIn,
        string CreatedByName,
        DateTime CreatedAtUtc,
        bool IsRetired,
        bool IsUsed,
        IReadOnlyList<int> AllVersions,
        int ProgrammeCount)
    {
        public int LatestVersion => AllVersions.Max();

        /// <summary>The version new questionnaires are given under: the latest, unless the questionnaire is retired.</summary>
        public bool IsCurrent => Version == LatestVersion && !IsRetired;
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var instrument = await db.Instruments.AsNoTracking()
                .SingleOrDefaultAsync(i => i.Code == request.Code && i.Version == request.Version, cancellationToken)
                ?? throw new NotFoundException("Instrument", $"{request.Code} version {request.Version}");
            var versions = await db.Instruments.Where(i => i.Code == instrument.Code).Select(i => i.Version)
                .OrderBy(v => v).ToListAsync(cancellationToken);
            var used = await db.QuestionnaireResponses.AnyAsync(r => r.InstrumentId == instrument.Id, cancellationToken);
            var programmes = await db.ProgrammeInstruments.Where(p => p.InstrumentCode == instrument.Code)
                .Select(p => p.ProgrammeId).Distinct().CountAsync(cancellationToken);
            return new Details(
                instrument.Code, instrument.Version, instrument.Name, instrument.Definition, instrument.DefinitionJson,
                instrument.IsBuiltIn, instrument.CreatedByName, instrument.CreatedAtUtc, instrument.IsRetired, used, versions, programmes);
        }
    }
}
