using RelationshipSupport.Domain.Auditing;

namespace RelationshipSupport.Application.Auditing;

/// <summary>
/// Where audit entries of reads (a page viewed, an access refused) go: a queue that one background writer empties
/// into the audit table in batches, normally within a second. Reads then never take the database's write lock, and
/// with SQLite one write per page view would also empty every other connection's page cache (see ADR 0011).
/// Changes are never audited through here: their entries commit in the same transaction as the change.
/// </summary>
public interface IAuditQueue
{
    void Enqueue(AuditEntry entry);

    /// <summary>Writes everything enqueued before the call. Used at shutdown, by command-line verbs and by tests.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
