using MediatR;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>One staff account as the administrator's edit page shows it, with the programmes and hubs it may be assigned to.</summary>
public static class GetUser
{
    public sealed record Query(string UserId) : IRequest<Details>;

    public sealed record HubOption(int Id, string Name, bool IsActive);

    public sealed record ProgrammeOption(int Id, string Name, bool IsActive, IReadOnlyList<HubOption> Hubs);

    /// <summary>A supervisor a therapist may be given; the one already set stays listed, marked, if they no longer qualify.</summary>
    public sealed record SupervisorOption(string Id, string Name, bool IsAvailable);

    public sealed record Details(
        string Id, string DisplayName, string Email, IReadOnlyList<string> Roles,
        bool IsActive, DateTime? DeactivatedAtUtc, bool IsLockedOut, bool TwoFactorEnabled, bool HasPassword,
        string? Organisation, int? CaseCapacity, Availability Availability,
        IReadOnlyList<int> WholeProgrammeIds, IReadOnlyList<int> HubIds,
        string ConcurrencyStamp, bool IsCurrentUser, IReadOnlyList<ProgrammeOption> Programmes,
        string? SupervisorUserId, IReadOnlyList<SupervisorOption> Supervisors);

    internal sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Query, Details>
    {
        public async Task<Details> Handle(Query request, CancellationToken cancellationToken)
        {
            UserAdministration.RequireAdministrator(user);
            var u = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.UserId, cancellationToken)
                ?? throw new NotFoundException("Staff user", request.UserId);
            var roles = UserAdministration.Normalise(await UserAdministration.RoleNamesAsync(db, u.Id, cancellationToken));
            var assignments = await db.StaffAssignments.AsNoTracking().Where(a => a.UserId == u.Id).ToListAsync(cancellationToken);
            var programmes = await db.Programmes.AsNoTracking().Include(p => p.Hubs).OrderBy(p => p.Name).ToListAsync(cancellationToken);
            var supervisors = await db.Users.AsNoTracking()
                .Where(s => s.Id != u.Id && s.IsActive
                    && db.UserRoles.Any(ur => ur.UserId == s.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Supervisor)))
                .OrderBy(s => s.DisplayName).ThenBy(s => s.Email)
                .Select(s => new SupervisorOption(s.Id, s.DisplayName, true))
                .ToListAsync(cancellationToken);
            if (u.SupervisorUserId is { } current && supervisors.All(s => s.Id != current))
            {
                var name = await db.Users.AsNoTracking().Where(s => s.Id == current).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken);
                supervisors.Insert(0, new SupervisorOption(current, name ?? "Unknown", false));
            }
            return new Details(
                u.Id, u.DisplayName, u.Email ?? "", roles,
                u.IsActive, u.DeactivatedAtUtc, u.LockoutEnd > clock.GetUtcNow(), u.TwoFactorEnabled, u.PasswordHash is not null,
                u.Organisation, u.CaseCapacity, u.Availability,
                assignments.Where(a => a.HubId is null).Select(a => a.ProgrammeId).ToList(),
                assignments.Where(a => a.HubId is not null).Select(a => a.HubId!.Value).ToList(),
                u.ConcurrencyStamp ?? "", u.Id == user.UserId,
                programmes.Select(p => new ProgrammeOption(p.Id, p.Name, p.IsActive,
                    p.Hubs.OrderBy(h => h.Name).Select(h => new HubOption(h.Id, h.Name, h.IsActive)).ToList())).ToList(),
                u.SupervisorUserId, supervisors);
        }
    }
}
