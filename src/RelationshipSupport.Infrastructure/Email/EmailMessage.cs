namespace RelationshipSupport.Infrastructure.Email;

/// <summary>
/// One email to send. <see cref="Id"/> is the outbox message's id: it names the pickup file and forms the
/// Message-ID header, so a repeated send of the same message is recognisable as a duplicate.
/// </summary>
public sealed record EmailMessage(Guid Id, string Kind, string To, string Subject, string BodyText, string? BodyHtml = null,
    RelationshipSupport.Application.Messaging.TextAttachment? Attachment = null)
{
    /// <summary>Ids only: the address, subject and body are personal data and must not reach a log by accident.</summary>
    public override string ToString() => $"EmailMessage {Id} ({Kind})";
}
