using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RelationshipSupport.Infrastructure.Email;

namespace RelationshipSupport.Tests.Outbox;

/// <summary>The default sender: one RFC 822 file per message in the configured pickup folder.</summary>
public sealed class PickupFolderEmailSenderTests
{
    [Fact]
    public async Task Writes_one_parseable_eml_file_named_by_message_id_with_the_right_headers()
    {
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings());
        var sender = Assert.IsType<PickupFolderEmailSender>(h.Sender); // no Email:Smtp:Host configured
        Assert.Equal(Path.GetFullPath(h.App.MailDirectory), sender.Directory);

        var message = new EmailMessage(Guid.NewGuid(), "test-kind", "sam.parent@example.com",
            "Your referral: RS-ABCD-2345 – what happens next", "Dear Sam,\nYour reference is RS-ABCD-2345.\n");
        await sender.SendAsync(message, default);
        await sender.SendAsync(message, default); // a repeat replaces the file rather than adding one

        var file = Assert.Single(Directory.GetFiles(h.App.MailDirectory));
        Assert.Equal($"{message.Id:D}.eml", Path.GetFileName(file));
        var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal("sam.parent@example.com", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Equal(message.Subject, mime.Subject);
        Assert.Equal("no-reply@relationship-support.example", Assert.Single(mime.From.Mailboxes).Address);
        Assert.Contains("Your reference is RS-ABCD-2345.", mime.TextBody);
        Assert.Equal($"{message.Id:N}@relationship-support.example", mime.MessageId);
        Assert.Equal(h.Clock.GetUtcNow(), mime.Date);
    }

    [Fact]
    public async Task The_default_sender_is_what_the_worker_uses()
    {
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings());
        var id = await h.EnqueueAsync("kim@example.com", "Subject line", "Body text");

        Assert.Equal(1, await h.Worker.ProcessDueAsync(default));

        var mime = await MimeMessage.LoadAsync(Path.Combine(h.App.MailDirectory, $"{id:D}.eml"));
        Assert.Equal("kim@example.com", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Empty(Directory.GetFiles(h.App.MailDirectory, "*.tmp"));
    }

    [Fact]
    public async Task A_queued_attachment_is_delivered_as_a_file_of_its_type()
    {
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings());
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";
        var id = await h.EnqueueAsync("kim@example.com", "Your session", "See the attached file.",
            new RelationshipSupport.Application.Messaging.TextAttachment("session.ics", "text/calendar; method=PUBLISH", ics));

        Assert.Equal(1, await h.Worker.ProcessDueAsync(default));

        var mime = await MimeMessage.LoadAsync(Path.Combine(h.App.MailDirectory, $"{id:D}.eml"));
        Assert.Contains("See the attached file.", mime.TextBody);
        var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(mime.Attachments));
        Assert.Equal("session.ics", part.FileName);
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        Assert.Equal("PUBLISH", part.ContentType.Parameters["method"]);
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        Assert.Equal(ics, System.Text.Encoding.UTF8.GetString(content.ToArray()));
    }

    [Fact]
    public void A_relative_pickup_directory_is_resolved_under_the_content_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "content-root");
        Assert.Equal(Path.Combine(root, "App_Data", "mail-pickup"), PickupFolderEmailSender.ResolveDirectory("App_Data/mail-pickup", root));
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere");
        Assert.Equal(absolute, PickupFolderEmailSender.ResolveDirectory(absolute, root));
    }

    [Fact]
    public void The_message_record_does_not_print_personal_data()
    {
        var message = new EmailMessage(Guid.NewGuid(), "kind", "who@example.com", "A subject", "A body");
        Assert.Equal($"EmailMessage {message.Id} (kind)", message.ToString());
    }

    [Fact]
    public async Task Smtp_is_used_when_a_host_is_configured()
    {
        await using var h = OutboxHarness.Start(OutboxHarness.ManualSettings(new() { ["Email:Smtp:Host"] = "smtp.example.org" }));
        Assert.IsType<SmtpEmailSender>(h.Services.GetRequiredService<IEmailSender>());
    }
}
