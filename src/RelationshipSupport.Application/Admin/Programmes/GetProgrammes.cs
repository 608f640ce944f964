using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Programmes;

/// <summary>The programmes, for the administrator's list.</summary>
public static class GetProgrammes
{
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(
        string Code, string Name, string Commissioner, bool IsActive, bool AcceptsSelfReferrals, bool AcceptsProfessionalReferrals,
        DateOnly? ContractStart, DateOnly? ContractEnd, int ActiveHubs, int ActiveCriteria);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            return await db.Programmes.AsNoTracking()
                .OrderBy(p => p.Name)
                .Select(p => new Row(p.Code, p.Name, p.Commissioner, p.IsActive, p.AcceptsSelfReferrals, p.AcceptsProfessionalReferrals,
                    p.ContractStart, p.ContractEnd, p.Hubs.Count(h => h.IsActive), p.Criteria.Count(c => c.IsActive)))
                .ToListAsync(cancellationToken);
        }
    }
}
