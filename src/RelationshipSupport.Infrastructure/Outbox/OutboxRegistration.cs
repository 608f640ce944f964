using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using RelationshipSupport.Infrastructure.Email;

namespace RelationshipSupport.Infrastructure.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The email sender (pickup folder unless <c>Email:Smtp:Host</c> is set) and the outbox worker. Call after the
    /// database start-up service is registered: hosted services start in order, so the database is migrated first.
    /// <c>Outbox:Enabled=false</c> leaves the worker out of the host (it can still be resolved and run by hand).
    /// </summary>
    public static IServiceCollection AddOutboxWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Email:From must be an email address, e.g. \"Name <no-reply@example.org>\".")
            .Validate(o => o.UseSmtp || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Set Email:Smtp:Host or Email:PickupDirectory.")
            .Validate(o => !o.UseSmtp || (o.Smtp.Port is > 0 and <= 65535 && o.Smtp.TimeoutSeconds > 0), "Email:Smtp:Port and TimeoutSeconds must be positive.")
            .ValidateOnStart();
        var section = configuration.GetSection(OutboxOptions.Section);
        services.AddOptions<OutboxOptions>()
            .Bind(section)
            .Validate(o => o.IsValid(), "Outbox settings must be positive, with MaxDelaySeconds at least BaseDelaySeconds.")
            .ValidateOnStart();

        services.AddSingleton<IEmailSender>(p => p.GetRequiredService<IOptions<EmailOptions>>().Value.UseSmtp
            ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(p)
            : ActivatorUtilities.CreateInstance<PickupFolderEmailSender>(p));

        services.AddSingleton<OutboxWorker>();
        if (section.GetValue(nameof(OutboxOptions.Enabled), defaultValue: true))
        {
            services.AddHostedService(p => p.GetRequiredService<OutboxWorker>());
        }
        return services;
    }
}
