using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Notifications.Channels;

/// <summary>
/// The embedded clinic's stand-in for Twilio and SendGrid: each notice becomes a line in a local file, and the console
/// says one was written (without the recipient), so a newcomer sees what patients would receive.
/// </summary>
public sealed partial class LocalNotificationSink(string channel, IOptions<NotificationOptions> options, ILogger<LocalNotificationSink> logger) : INotificationSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <inheritdoc />
    public string Channel => channel;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var path = options.Value.LocalSinkPath;
        var id = "local-" + Guid.NewGuid().ToString("N")[..12];
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(path, $"{DateTimeOffset.UtcNow:O}\t{channel}\t{id}\t{to}\t{subject}\t{body.ReplaceLineEndings(" ")}{Environment.NewLine}", cancellationToken);
        }
        finally
        {
            Gate.Release();
        }

        LogWritten(channel, subject, path);
        return SendOutcome.Sent(id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification ({Channel}) \"{Subject}\" written to {Path}")]
    private partial void LogWritten(string channel, string subject, string path);
}
