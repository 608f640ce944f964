using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Messaging;

namespace RelationshipSupport.Application.Messaging;

/// <summary>
/// Queues an email in the current unit of work; the outbox worker sends it after the transaction commits.
/// Bodies must not contain clinical details.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue(string kind, string to, string subject, string bodyText, string? bodyHtml = null)
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
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
