using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Application.Admin.Hubs;

/// <summary>The referral sources, grouped by programme, for the administrator's list.</summary>
public static class GetHubs
{
    public sealed record Query : IRequest<IReadOnlyList<ProgrammeHubs>>;

    public sealed record ProgrammeHubs(string ProgrammeCode, string ProgrammeName, IReadOnlyList<Row> Hubs);

    public sealed record Row(int Id, string Code, HubKind Kind, string Name, string Area, string Email, string Phone, string? Website, bool IsActive);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<ProgrammeHubs>>
    {
        public async Task<IReadOnlyList<ProgrammeHubs>> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var programmes = await db.Programmes.AsNoTracking().Include(p => p.Hubs).OrderBy(p => p.Name).ToListAsync(cancellationToken);
            return programmes.Select(p => new ProgrammeHubs(p.Code, p.Name,
                    p.Hubs.OrderByDescending(h => h.IsActive).ThenBy(h => h.Name)
                        .Select(h => new Row(h.Id, h.Code, h.Kind, h.Name, h.Area, h.Email, h.Phone, h.Website, h.IsActive)).ToList()))
                .ToList();
        }
    }
}
