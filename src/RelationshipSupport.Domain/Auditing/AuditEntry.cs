namespace RelationshipSupport.Domain.Auditing;

/// <summary>
/// One line of the append-only audit log: who did what to which record, when and from where.
/// Never holds personal data beyond the acting staff member's id and name.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    /// <summary>A stable verb such as <c>referral.viewed</c>, <c>referral.created</c>, <c>referral.access-denied</c>.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string? IpAddress { get; set; }
    public string? CorrelationId { get; set; }
    /// <summary>Short non-personal detail, e.g. which fields changed or why access was refused.</summary>
    public string? Detail { get; set; }
}
