using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Application.Cases;

/// <summary>Who supervises a therapist, for the emails that tell a supervisor something is waiting.</summary>
public static class Supervisors
{
    public sealed record Recipient(string Email, string DisplayName);

    /// <summary>
    /// The therapist's supervisor (<see cref="StaffUser.SupervisorUserId"/>), if active; for a therapist with none set,
    /// every active supervisor (the same rule as <see cref="CaseAccess"/>).
    /// </summary>
    public static async Task<IReadOnlyList<Recipient>> ToTellAsync(AppDbContext db, string therapistUserId, CancellationToken cancellationToken)
    {
        var supervisorId = await db.Users.Where(u => u.Id == therapistUserId).Select(u => u.SupervisorUserId).SingleOrDefaultAsync(cancellationToken);
        return supervisorId is not null
            ? await db.Users.Where(u => u.Id == supervisorId && u.IsActive && u.Email != null)
                .Select(u => new Recipient(u.Email!, u.DisplayName)).ToListAsync(cancellationToken)
            : await (from u in db.Users
                     join ur in db.UserRoles on u.Id equals ur.UserId
                     join r in db.Roles on ur.RoleId equals r.Id
                     where r.Name == Roles.Supervisor && u.IsActive && u.Email != null
                     select new Recipient(u.Email!, u.DisplayName)).ToListAsync(cancellationToken);
    }
}
