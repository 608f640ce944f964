using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Messaging;

namespace RelationshipSupport.Application.Messaging;

/// <summary>
/// Queues an email in the current unit of work; the outbox worker sends it after the transaction commits.
/// Bodies must not contain clinical details.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue(string kind, string to, string subject, string bodyText, string? bodyHtml = null, TextAttachment? attachment = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
            Kind = kind,
            ToAddress = to,
            Subject = subject,
            BodyText = bodyText,
            BodyHtml = bodyHtml,
            AttachmentName = attachment?.FileName,
            AttachmentContentType = attachment?.ContentType,
            AttachmentText = attachment?.Text,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}

/// <summary>A small text file sent with an email, such as a calendar invitation (<c>text/calendar</c>).</summary>
public sealed record TextAttachment(string FileName, string ContentType, string Text);
