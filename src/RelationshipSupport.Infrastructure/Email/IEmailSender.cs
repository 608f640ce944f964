namespace RelationshipSupport.Infrastructure.Email;

/// <summary>Hands one email to the outside world. Throws when it could not; the outbox worker retries.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
