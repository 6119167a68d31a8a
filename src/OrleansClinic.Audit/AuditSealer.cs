using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Audit;

/// <summary>
/// Seals the clinic's records into the audit chain in the background, in batches, so writing an audit entry costs a
/// booking nothing but the outbox row it writes anyway. Every silo runs one; the chain's lock lets one at a time seal.
/// </summary>
public sealed partial class AuditSealer(IAuditTrail trail, IOptions<AuditOptions> options, ILogger<AuditSealer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var sealedCount = 0;
            try
            {
                sealedCount = await trail.SealAsync(settings.BatchSize, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The sources keep every record; the next seal picks up what this one could not.
                LogSealFailed(e);
            }

            if (sealedCount < settings.BatchSize)
            {
                try
                {
                    await Task.Delay(settings.SealInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the audit trail failed; the next seal retries")]
    private partial void LogSealFailed(Exception exception);
}
