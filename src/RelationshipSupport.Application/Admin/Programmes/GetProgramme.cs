using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>One programme's settings and criteria, for the administrator's forms.</summary>
public static class GetProgramme
{
    public sealed record Query(string Code) : IRequest<Details>;

    public sealed record Details(string Code, string Name, Guid ConcurrencyStamp, ProgrammeSettings Settings, IReadOnlyList<Criterion> Criteria)
    {
        /// <summary>Criteria in use, of one kind, in the order screening shows them.</summary>
        public IReadOnlyList<Criterion> Active(CriterionKind kind) => Criteria.Where(c => c.Kind == kind && c.IsActive).ToList();

        /// <summary>Retired criteria of one kind (kept: past screenings refer to them).</summary>
        public IReadOnlyList<Criterion> Retired(CriterionKind kind) => Criteria.Where(c => c.Kind == kind && !c.IsActive).ToList();
    }

    public sealed record Criterion(int Id, CriterionKind Kind, string Text, string? HelpText, int SortOrder, bool IsActive);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programme = await db.Programmes.AsNoTracking().Include(p => p.Criteria)
                .SingleOrDefaultAsync(p => p.Code == request.Code, cancellationToken)
                ?? throw new NotFoundException("Programme", request.Code);
            var settings = new ProgrammeSettings();
            settings.CopyFrom(programme);
            var criteria = programme.Criteria
                .OrderBy(c => c.Kind).ThenBy(c => c.SortOrder).ThenBy(c => c.Id)
                .Select(c => new Criterion(c.Id, c.Kind, c.Text, c.HelpText, c.SortOrder, c.IsActive))
                .ToList();
            return new Details(programme.Code, programme.Name, programme.ConcurrencyStamp, settings, criteria);
        }
    }
}
