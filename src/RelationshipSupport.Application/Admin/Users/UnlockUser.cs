using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>Ends a lockout after too many failed sign-ins, and resets the count of failures. Not locked: nothing changes.</summary>
public static class UnlockUser
{
    public sealed record Command(string UserId) : IRequest<Result>;

    public sealed record Result(bool Changed);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var staff = await UserAdministration.LoadAsync(db, request.UserId, cancellationToken);
            if (staff.LockoutEnd is null && staff.AccessFailedCount == 0) return new Result(false);

            staff.LockoutEnd = null;
            staff.AccessFailedCount = 0;
            UserAdministration.Touch(db, staff, seenStamp: null);
            audit.Record(AuditActions.UserUnlocked, UserAdministration.EntityType, staff.Id);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(true);
        }
    }
}
