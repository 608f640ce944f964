using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Hubs;

/// <summary>One referral source, for the administrator's edit form.</summary>
public static class GetHub
{
    public sealed record Query(int Id) : IRequest<Details>;

    public sealed record Details(int Id, string Code, string ProgrammeName, bool IsActive, Guid ConcurrencyStamp, HubFields Fields);

    internal sealed class Handler(AppDbContext db, ICurrentUser user) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var hub = await db.Hubs.AsNoTracking().Include(h => h.Programme).SingleOrDefaultAsync(h => h.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Hub", request.Id);
            var fields = new HubFields();
            fields.CopyFrom(hub);
            return new Details(hub.Id, hub.Code, hub.Programme!.Name, hub.IsActive, hub.ConcurrencyStamp, fields);
        }
    }
}
