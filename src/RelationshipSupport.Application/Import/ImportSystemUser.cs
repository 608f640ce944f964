using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Application.Identity;

namespace RelationshipSupport.Application.Import;

/// <summary>
/// The named system user of imports: imported sessions and assessments need a therapist or author, and the
/// command line needs someone to act as. It cannot sign in (inactive, no password, locked out, no roles), so it
/// is a name on records, never an account.
/// </summary>
public static class ImportSystemUser
{
    public const string Id = "system-data-import";
    public const string DisplayName = "Data import (system)";
    /// <summary>How the command line's imports are recorded in the audit log and on import batches.</summary>
    public const string CommandLineName = "Data import (command line)";
    private const string UserName = "data-import@system.invalid";

    /// <summary>Adds the user if it is missing (in the caller's unit of work) and returns its id.</summary>
    public static async Task<string> EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == Id, ct))
        {
            db.Users.Add(new StaffUser
            {
                Id = Id,
                UserName = UserName,
                NormalizedUserName = UserName.ToUpperInvariant(),
                Email = UserName,
                EmailConfirmed = true, // not "invited": no invitation is ever sent to it
                NormalizedEmail = UserName.ToUpperInvariant(),
                DisplayName = DisplayName,
                IsActive = false,
                LockoutEnabled = true,
                LockoutEnd = DateTimeOffset.MaxValue,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            });
            await db.SaveChangesAsync(ct);
        }
        return Id;
    }
}
