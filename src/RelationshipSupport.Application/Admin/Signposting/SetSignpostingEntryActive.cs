using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Signposting;

/// <summary>
/// An administrator retires a directory entry (staff can no longer choose it; past signposting keeps it) or
/// restores it. Asking for the state it is already in changes nothing.
/// </summary>
public static class SetSignpostingEntryActive
{
    public sealed record Command(int Id, Guid ConcurrencyStamp, bool Active) : IRequest<Unit>;

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            AdminChanges.EnsureAdministrator(user);
            var entry = await db.SignpostingEntries.SingleOrDefaultAsync(e => e.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("SignpostingEntry", request.Id);
            if (entry.IsActive == request.Active)
            {
                return Unit.Value;
            }
            AdminChanges.ExpectStamp(db, entry, e => e.ConcurrencyStamp, request.ConcurrencyStamp);
            entry.IsActive = request.Active;
            entry.ConcurrencyStamp = Guid.NewGuid();
            audit.Record(request.Active ? AuditActions.SignpostingRestored : AuditActions.SignpostingRetired, "SignpostingEntry", entry.Id);
            await AdminChanges.SaveAsync(db, cancellationToken);
            return Unit.Value;
        }
    }
}
