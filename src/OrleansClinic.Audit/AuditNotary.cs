using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansClinic.Archive;

namespace OrleansClinic.Audit;

/// <summary>
/// Anchors the audit chain's head outside the database at start and then every <see cref="AuditOptions.AnchorInterval"/>,
/// through <see cref="AuditAnchorBook"/>. Every silo runs one; silos anchoring the same head store one object.
/// </summary>
public sealed partial class AuditNotary(AuditAnchorBook anchors, IOptions<AuditOptions> options, ILogger<AuditNotary> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // At start too, not only after an interval: silos restarted more often than that would otherwise never anchor.
        var interval = options.Value.AnchorInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await anchors.AnchorHeadAsync(stoppingToken);
            }
            catch (ArchiveKeyConflictException)
            {
                // Logged as an error where it was found; verification reports the entry. Keep anchoring what follows.
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A request timing out is cancelled too; only stopping ends the loop.
                LogAnchorFailed(e);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring the audit chain's head outside the database failed; the next interval retries")]
    private partial void LogAnchorFailed(Exception exception);
}
