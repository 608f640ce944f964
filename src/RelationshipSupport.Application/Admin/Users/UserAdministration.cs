using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Domain;

namespace RelationshipSupport.Application.Admin.Users;

/// <summary>What the user-management use cases share: who may use them, loading an account, its roles, the audit entity type.</summary>
internal static class UserAdministration
{
    public const string EntityType = "StaffUser";

    /// <summary>The /admin pages are for administrators; the handlers check again, so no other caller can skip it.</summary>
    public static void RequireAdministrator(ICurrentUser user)
    {
        if (user.UserId is null || !user.IsInRole(Roles.Administrator))
        {
            throw new DomainException("Only an administrator can manage staff accounts.");
        }
    }

    /// <summary>The account (tracked), or <see cref="NotFoundException"/>.</summary>
    public static async Task<StaffUser> LoadAsync(AppDbContext db, string? userId, CancellationToken ct) =>
        (string.IsNullOrEmpty(userId) ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct))
        ?? throw new NotFoundException("Staff user", userId ?? "(none)");

    public static async Task<List<string>> RoleNamesAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where ur.UserId == userId
               select r.Name!).ToListAsync(ct);

    /// <summary>Roles in the order of <see cref="Roles.All"/>, known names only, each once.</summary>
    public static List<string> Normalise(IEnumerable<string>? roles) =>
        Roles.All.Where(r => (roles ?? []).Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>
    /// Replaces the account's roles with <paramref name="wanted"/> in the current unit of work (UserManager would save
    /// after each role). Returns whether anything changed.
    /// </summary>
    public static async Task<bool> SetRolesAsync(AppDbContext db, StaffUser user, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        var roleIds = await db.Roles.Where(r => r.Name != null).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct);
        var wantedIds = wanted.Select(w => roleIds.TryGetValue(w, out var id) ? id : throw new InvalidOperationException($"Role {w} is not seeded.")).ToHashSet();
        var changed = false;
        foreach (var link in current.Where(c => !wantedIds.Contains(c.RoleId)))
        {
            db.UserRoles.Remove(link);
            changed = true;
        }
        foreach (var id in wantedIds.Where(id => current.All(c => c.RoleId != id)))
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = id });
            changed = true;
        }
        return changed;
    }

    /// <summary>
    /// Marks the account changed for optimistic concurrency: the save is refused when the stored stamp is no longer
    /// <paramref name="seenStamp"/> (what Identity's own UserManager.UpdateAsync checks).
    /// </summary>
    public static void Touch(AppDbContext db, StaffUser user, string? seenStamp)
    {
        if (seenStamp is not null)
        {
            if (user.ConcurrencyStamp != seenStamp) throw new ConcurrencyConflictException();
            db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = seenStamp;
        }
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    /// <summary>
    /// Ends the account's open sessions (the cookie's security stamp no longer matches at its next validation)
    /// and invalidates its outstanding invitation links, as UserManager.UpdateSecurityStampAsync does, in this unit of work.
    /// </summary>
    public static void EndSessions(StaffUser user) => user.SecurityStamp = Guid.NewGuid().ToString();

    public static string RoleList(IEnumerable<string> roles) => string.Join(',', roles);
}

/// <summary>The invitation email: a link to set a password, and nothing about any referral.</summary>
public static class UserInvitations
{
    public const string Kind = "staff-invitation";

    /// <summary>How long an invitation (password-setting) link works; also the Identity password-reset token lifespan.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);

    public const string SetPasswordPath = "/account/set-password";

    public static string Link(AppOptions app, string userId, string token) =>
        app.Link($"{SetPasswordPath}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}");

    public static async Task<(string Subject, string Body)> BuildAsync(UserManager<StaffUser> users, AppOptions app, StaffUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var b = new StringBuilder();
        b.AppendLine($"Dear {user.DisplayName},").AppendLine();
        b.AppendLine("An administrator has created an account for you on the Relationship Support case system.").AppendLine();
        b.AppendLine("Set your password to start using it:");
        b.AppendLine(Link(app, user.Id, token)).AppendLine();
        b.AppendLine($"The link works once, for {LinkLifetime.TotalDays:0} days. If it has expired, ask an administrator to send a new invitation.");
        b.AppendLine("When you first sign in you will be asked to set up an authenticator app on your phone.").AppendLine();
        b.AppendLine("If you were not expecting this email, you can ignore it.");
        return ("Your Relationship Support account", b.ToString());
    }
}
