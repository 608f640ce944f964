using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Outcomes;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>
/// A programme's questionnaire schedule, for the administrator's form: the questionnaires that can be given (current
/// versions only, so never a retired one) and what the programme gives at each timepoint, in order.
/// </summary>
public static class GetProgrammeQuestionnaires
{
    public static readonly IReadOnlyList<Timepoint> Timepoints = [Timepoint.Intake, Timepoint.EverySession, Timepoint.End, Timepoint.FollowUp];

    public sealed record Query(string Code) : IRequest<Details>;

    public sealed record Details(string Code, string Name, Guid ConcurrencyStamp, IReadOnlyList<Offer> Offered, IReadOnlyList<Scheduled> Schedule)
    {
        /// <summary>What is given at a timepoint, in order; <see cref="Scheduled.IsOffered"/> is false for a retired questionnaire (not given).</summary>
        public IReadOnlyList<Scheduled> At(Timepoint timepoint) =>
            Schedule.Where(s => s.Timepoint == timepoint).OrderBy(s => s.SortOrder).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>A questionnaire that can be scheduled: its current version.</summary>
    public sealed record Offer(string Code, string Name, int Version);

    public sealed record Scheduled(Timepoint Timepoint, string Code, int SortOrder, bool IsOffered);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, InstrumentCatalogue catalogue) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await db.Programmes.AsNoTracking()
                .Where(p => p.Code == request.Code)
                .Select(p => new { p.Id, p.Code, p.Name, p.ConcurrencyStamp })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Programme", request.Code);
            var offered = (await catalogue.Current().AsNoTracking()
                    .Select(i => new Offer(i.Code, i.Name, i.Version))
                    .ToListAsync(cancellationToken))
                .OrderBy(o => o.Code, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var rows = await db.ProgrammeInstruments.AsNoTracking()
                .Where(p => p.ProgrammeId == programme.Id)
                .Select(p => new { p.Timepoint, p.InstrumentCode, p.SortOrder })
                .ToListAsync(cancellationToken);
            var schedule = rows
                .Select(r => new Scheduled(r.Timepoint, r.InstrumentCode, r.SortOrder, offered.Any(o => o.Code == r.InstrumentCode)))
                .ToList();
            return new Details(programme.Code, programme.Name, programme.ConcurrencyStamp, offered, schedule);
        }
    }
}
