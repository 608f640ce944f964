using MediatR;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>Lets a deactivated member of staff sign in again (with their existing password). Already active: nothing changes.</summary>
public static class ReactivateUser
{
    public sealed record Command(string UserId) : IRequest<Result>;

    public sealed record Result(bool Changed);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, AuditLog audit) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var staff = await UserAdministration.LoadAsync(db, request.UserId, cancellationToken);
            if (staff.IsActive) return new Result(false);

            staff.IsActive = true;
            staff.DeactivatedAtUtc = null;
            UserAdministration.Touch(db, staff, seenStamp: null);
            audit.Record(AuditActions.UserReactivated, UserAdministration.EntityType, staff.Id);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(true);
        }
    }
}
