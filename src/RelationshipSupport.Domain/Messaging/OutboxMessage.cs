namespace RelationshipSupport.Domain.Messaging;

/// <summary>
/// An email waiting to be sent. Written in the same transaction as the change that causes it and
/// sent later by the outbox worker, so a rolled-back change sends nothing and an SMTP outage loses nothing.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Template name, for logs and metrics (e.g. <c>referral-acknowledgement</c>).</summary>
    public string Kind { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string BodyText { get; set; } = "";
    public string? BodyHtml { get; set; }
    /// <summary>An optional text attachment (a calendar invitation): its file name, MIME type and content.</summary>
    public string? AttachmentName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentText { get; set; }

    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    /// <summary>While set in the future, one worker holds a lease on the message.</summary>
    public DateTime? LockedUntilUtc { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>Set when the worker gave up after the maximum number of attempts.</summary>
    public DateTime? FailedAtUtc { get; set; }
    public string? LastError { get; set; }
}
