using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>
/// Stops a member of staff signing in: the account is kept (with its audit trail), marked inactive, and its security
/// stamp changed so open sessions end at their next check and unused invitation links stop working. Deactivating an
/// account that is already inactive changes nothing. Administrators cannot deactivate themselves.
/// </summary>
public static class DeactivateUser
{
    public sealed record Command(string UserId) : IRequest<Result>;

    public sealed record Result(bool Changed);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var staff = await UserAdministration.LoadAsync(db, request.UserId, cancellationToken);
            if (staff.Id == user.UserId)
            {
                throw new DomainException("You cannot deactivate your own account. Ask another administrator if it should be deactivated.");
            }
            if (!staff.IsActive) return new Result(false);

            staff.IsActive = false;
            staff.DeactivatedAtUtc = clock.GetUtcNow().UtcDateTime;
            UserAdministration.EndSessions(staff);
            UserAdministration.Touch(db, staff, seenStamp: null);
            audit.Record(AuditActions.UserDeactivated, UserAdministration.EntityType, staff.Id);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(true);
        }
    }
}
