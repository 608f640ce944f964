using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RelationshipSupport.Infrastructure.Email;

/// <summary>
/// Writes each message as <c>{id}.eml</c> into the pickup folder (the default when no SMTP host is configured).
/// The file is written under a temporary name and renamed, so a reader never sees half a message; writing
/// the same message twice replaces the file, so a repeated send is harmless.
/// </summary>
public sealed class PickupFolderEmailSender : IEmailSender
{
    private readonly EmailOptions _options;
    private readonly TimeProvider _clock;

    public PickupFolderEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<PickupFolderEmailSender> logger)
    {
        _options = options.Value;
        _clock = clock;
        Directory = ResolveDirectory(_options.PickupDirectory, environment.ContentRootPath);
        if (environment.IsProduction())
        {
            // In production nobody reads the pickup folder: say so loudly rather than lose mail quietly.
            logger.LogWarning("Email:Smtp:Host is not set: emails are written to the pickup folder and NOT delivered. Configure SMTP for production.");
        }
    }

    /// <summary>The absolute pickup folder.</summary>
    public string Directory { get; }

    public static string ResolveDirectory(string configured, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));

    public string PathFor(Guid messageId) => Path.Combine(Directory, $"{messageId:D}.eml");

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = MimeMessageFactory.Create(message, _options, _clock.GetUtcNow());
        System.IO.Directory.CreateDirectory(Directory);
        // Same folder as the final file, so the rename is atomic; a name no *.eml reader picks up.
        var temp = Path.Combine(Directory, $".{message.Id:D}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await mime.WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, PathFor(message.Id), overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
