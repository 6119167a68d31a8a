using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansClinic.Privacy;

/// <summary>
/// Indexes the names of records stored before the vault had a name index, once per start, in the background
/// (<see cref="IPiiVault.IndexNamesAsync"/>): until it has, those patients are found by email or phone only.
/// </summary>
public sealed partial class NameIndexBackfill(IPiiVault vault, IHostApplicationLifetime lifetime, ILogger<NameIndexBackfill> logger) : BackgroundService
{
    /// <summary>How long to wait before trying again after a failed pass.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The silo applies the schema migrations (0018 adds the index) while the host starts.
            await WhenStarted(stoppingToken);
            while (true)
            {
                try
                {
                    var indexed = await vault.IndexNamesAsync(cancellationToken: stoppingToken);
                    LogDone(indexed);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e);
                    await Task.Delay(RetryInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is indexed at the next start.
        }
    }

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Name index complete: indexed {Count} records stored before it")]
    private partial void LogDone(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing the names of earlier records failed; trying again in a minute")]
    private partial void LogFailed(Exception exception);
}
