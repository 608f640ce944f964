using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Programmes;

namespace RelationshipSupport.Application.Admin.Hubs;

/// <summary>
/// An administrator changes a referral source's details (its code and programme stay: referrals refer to them).
/// An edit made from an older version is refused.
/// </summary>
public static class UpdateHub
{
    public sealed class Command : HubFields, IRequest<Unit>
    {
        /// <summary>Set by the page from the URL.</summary>
        public int Id { get; set; }
        public Guid ConcurrencyStamp { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new HubFields.Rules());
        }
    }

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, ProgrammeDirectory directory) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var hub = await db.Hubs.SingleOrDefaultAsync(h => h.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Hub", request.Id);
            AdminChanges.ExpectStamp(db, hub, h => h.ConcurrencyStamp, request.ConcurrencyStamp);
            request.ApplyTo(hub);
            hub.ConcurrencyStamp = Guid.NewGuid();
            audit.Record(AuditActions.HubUpdated, "Hub", hub.Code);
            await AdminChanges.SaveAsync(db, cancellationToken);
            directory.Invalidate();
            return Unit.Value;
        }
    }
}
