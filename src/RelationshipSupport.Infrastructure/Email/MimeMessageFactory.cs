using MimeKit;

namespace RelationshipSupport.Infrastructure.Email;

/// <summary>Builds the RFC 822 message both senders deliver.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(EmailMessage message, EmailOptions options, DateTimeOffset date)
    {
        var from = MailboxAddress.Parse(options.From);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,
            // Stable per outbox message: a repeat after an expired lease carries the same Message-ID.
            MessageId = $"{message.Id:N}@{Domain(from.Address)}",
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.BodyText };
        if (!string.IsNullOrEmpty(message.BodyHtml)) body.HtmlBody = message.BodyHtml;
        if (message.Attachment is { } file)
        {
            // Base64, so the file arrives byte for byte (iCalendar needs its CRLF line ends).
            var part = (MimePart)body.Attachments.Add(file.FileName, System.Text.Encoding.UTF8.GetBytes(file.Text), ContentType.Parse(file.ContentType + "; charset=utf-8"));
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string Domain(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
    }
}
