namespace RelationshipSupport.Infrastructure.Email;

/// <summary>Configuration section <c>Email</c>. With no SMTP host, mail is written to <see cref="PickupDirectory"/>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The From header, e.g. <c>Relationship Support &lt;no-reply@example.org&gt;</c>.</summary>
    public string From { get; set; } = "Relationship Support <no-reply@relationship-support.example>";

    /// <summary>Where the pickup-folder sender writes one <c>.eml</c> file per message; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UseSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>Configuration section <c>Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>Empty (the default) means: do not use SMTP, write to the pickup folder.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS (required when set); when false the connection is not encrypted.</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>Authenticate only when set.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Per network operation. Keep it well below <c>Outbox:LeaseSeconds</c>.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
