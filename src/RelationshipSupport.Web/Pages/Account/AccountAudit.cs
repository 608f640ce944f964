using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Common;
using RelationshipSupport.Application.Data;

namespace RelationshipSupport.Web.Pages.Account;

/// <summary>
/// Audit entries for signing in. While someone signs in nobody is signed in yet, so the entry is written for
/// the account being signed in to: its id as both the acting user and the record, with the address it came
/// from. Never the typed email address, the password or a code; <c>UserName</c> is left empty for the same reason.
/// </summary>
public static class AccountAudit
{
    public const string EntityType = "StaffUser";

    /// <summary>Records <paramref name="action"/> about the account <paramref name="userId"/> (null when no account matched) and saves.</summary>
    public static async Task RecordAsync(AppDbContext db, TimeProvider clock, HttpContext http, string action, string? userId, string detail)
    {
        new AuditLog(db, http.RequestServices.GetRequiredService<IAuditQueue>(), new AccountBeingSignedInTo(userId, http), clock).Record(action, EntityType, userId, detail);
        // Not cancelled with the request: a client that hangs up must not be able to skip the audit entry.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed class AccountBeingSignedInTo(string? userId, HttpContext http) : ICurrentUser
    {
        public string? UserId => userId;
        public string? UserName => null;
        public bool IsInRole(string role) => false;
        public string? IpAddress => http.Connection.RemoteIpAddress?.ToString();
        public string? CorrelationId => http.TraceIdentifier;
    }
}
