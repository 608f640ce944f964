using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Application.Triage.Waiting;

/// <summary>An active therapist as allocation sees them: how full they are and when they can see clients.</summary>
public sealed record TherapistOption(
    string UserId,
    string Name,
    string? Organisation,
    int OpenCases,
    int Capacity,
    Availability Availability,
    Availability MatchingSlots)
{
    /// <summary>No free place (a therapist with no capacity recorded has none).</summary>
    public bool AtCapacity => OpenCases >= Capacity;
    public bool Matches => MatchingSlots != Availability.None;
}

/// <summary>
/// Active therapists and their open allocations (ended-at empty), read the same way for the page and, again, inside
/// the allocation's own unit of work, so a place taken meanwhile is seen.
/// </summary>
internal static class TherapistCapacity
{
    public static async Task<List<TherapistOption>> LoadAsync(AppDbContext db, Availability wanted, IReadOnlyCollection<string>? onlyUserIds, CancellationToken ct)
    {
        var therapistRoleIds = db.Roles.Where(r => r.Name == Roles.Therapist).Select(r => r.Id);
        var users = db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && therapistRoleIds.Contains(ur.RoleId)));
        if (onlyUserIds is not null)
        {
            users = users.Where(u => onlyUserIds.Contains(u.Id));
        }
        var therapists = await users
            .Select(u => new { u.Id, u.DisplayName, u.Organisation, u.CaseCapacity, u.Availability })
            .ToListAsync(ct);
        var ids = therapists.Select(t => t.Id).ToList();
        var open = await db.CaseAllocations.AsNoTracking()
            .Where(a => a.EndedAtUtc == null && ids.Contains(a.TherapistUserId))
            .GroupBy(a => a.TherapistUserId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        return therapists
            .Select(t => new TherapistOption(t.Id, t.DisplayName, t.Organisation, open.GetValueOrDefault(t.Id), t.CaseCapacity ?? 0,
                t.Availability, t.Availability & wanted))
            // Free places first, then those who can see the client when they are available (the more slots the
            // better), then the least full; those at capacity last.
            .OrderBy(t => t.AtCapacity)
            .ThenByDescending(t => t.Matches)
            .ThenByDescending(t => System.Numerics.BitOperations.PopCount((uint)t.MatchingSlots))
            .ThenByDescending(t => t.Capacity - t.OpenCases)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
