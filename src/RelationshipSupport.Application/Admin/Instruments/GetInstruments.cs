using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Instruments;

/// <summary>
/// Every questionnaire code with its versions, for the administrator's list: which version is current (the highest,
/// unless the questionnaire is retired), whether each version is built in or was added (by whom, when), whether any
/// client's answers were given under it, and how many programmes schedule the code.
/// </summary>
public static class GetInstruments
{
    public sealed record Query : IRequest<IReadOnlyList<Summary>>;

    public sealed record Summary(string Code, string Name, int? CurrentVersion, bool IsRetired, int ProgrammeCount, IReadOnlyList<Version> Versions)
    {
        public Version Latest => Versions[0];
    }

    /// <summary>One stored version; <see cref="IsUsed"/> when any questionnaire given to a client points at it.</summary>
    public sealed record Version(int Number, string Name, bool IsBuiltIn, string CreatedByName, DateTime CreatedAtUtc, bool IsRetired, bool IsUsed);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Summary>>
    {
        public async Task<IReadOnlyList<Summary>> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            // The definitions themselves are not read: the list needs only who, when and whether used.
            var versions = await db.Instruments.AsNoTracking()
                .Select(i => new
                {
                    i.Code,
                    i.Version,
                    i.Name,
                    i.IsBuiltIn,
                    i.CreatedByName,
                    i.CreatedAtUtc,
                    i.IsRetired,
                    IsUsed = db.QuestionnaireResponses.Any(r => r.InstrumentId == i.Id),
                })
                .ToListAsync(cancellationToken);
            var scheduled = await db.ProgrammeInstruments.AsNoTracking()
                .Select(p => new { p.InstrumentCode, p.ProgrammeId }).Distinct()
                .ToListAsync(cancellationToken);

            return versions
                .GroupBy(v => v.Code, StringComparer.Ordinal)
                .Select(g =>
                {
                    var list = g.OrderByDescending(v => v.Version)
                        .Select(v => new Version(v.Version, v.Name, v.IsBuiltIn, v.CreatedByName, v.CreatedAtUtc, v.IsRetired, v.IsUsed))
                        .ToList();
                    var latest = list[0];
                    return new Summary(
                        g.Key, latest.Name, latest.IsRetired ? null : latest.Number, latest.IsRetired,
                        scheduled.Count(s => s.InstrumentCode == g.Key), list);
                })
                .OrderBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
    }
}
