using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Programmes;

namespace RelationshipSupport.Application.Admin.Hubs;

/// <summary>
/// An administrator deactivates a referral source (the public forms stop offering it; its referrals keep it) or
/// reactivates it. Asking for the state it is already in changes nothing.
/// </summary>
public static class SetHubActive
{
    public sealed record Command(int Id, Guid ConcurrencyStamp, bool Active) : IRequest<Unit>;

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, ProgrammeDirectory directory) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var hub = await db.Hubs.SingleOrDefaultAsync(h => h.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Hub", request.Id);
            if (hub.IsActive == request.Active)
            {
                return Unit.Value;
            }
            AdminChanges.ExpectStamp(db, hub, h => h.ConcurrencyStamp, request.ConcurrencyStamp);
            hub.IsActive = request.Active;
            hub.ConcurrencyStamp = Guid.NewGuid();
            audit.Record(request.Active ? AuditActions.HubReactivated : AuditActions.HubDeactivated, "Hub", hub.Code);
            await AdminChanges.SaveAsync(db, cancellationToken);
            directory.Invalidate();
            return Unit.Value;
        }
    }
}
