using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansClinic.Grains.Abstractions.Appointments;

namespace OrleansClinic.Hosting.Appointments;

/// <summary>
/// Finds appointments whose booking or move a crashed silo left half done (their saga is written down in the row) and
/// asks each to finish. This is what makes a per-booking reminder unnecessary. Every silo sweeps; finishing is
/// idempotent, so two sweeps meeting on one appointment change nothing.
/// </summary>
public sealed partial class UnfinishedAppointmentSweep(
    IGrainFactory grains,
    NpgsqlDataSource dataSource,
    IOptions<UnfinishedAppointmentSweepOptions> options,
    ILogger<UnfinishedAppointmentSweep> logger) : BackgroundService
{
    // The predicate of the partial index appointment_unfinished (migration 0019), so the sweep reads only that index.
    private const string Unfinished = """
        SELECT grain_id FROM appointments.appointment
        WHERE (jsonb_typeof(payload -> 'pending') = 'object' OR payload -> 'slotsToRelease' <> '[]'::jsonb)
          AND updated_at < now() - $1
        ORDER BY updated_at
        LIMIT $2
        """;

    /// <summary>Runs one sweep; returns how many appointments were asked to finish.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var ids = new List<string>();
        await using (var command = dataSource.CreateCommand(Unfinished))
        {
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = settings.MinimumAge });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = settings.BatchSize });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        foreach (var id in ids)
        {
            try
            {
                await grains.GetGrain<IAppointmentGrain>(GrainId.Parse(id)).Finish();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One stuck appointment must not hold up the rest; it is still unfinished, so the next sweep tries again.
                LogFinishFailed(ex, id);
            }
        }

        if (ids.Count > 0)
        {
            LogSwept(ids.Count);
        }

        return ids.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        dataSource.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked {Count} unfinished appointments to finish their booking or move")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unfinished appointment {GrainId} could not finish yet; the next sweep tries again")]
    private partial void LogFinishFailed(Exception exception, string grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The unfinished-appointment sweep could not read the appointments; it tries again next interval")]
    private partial void LogSweepFailed(Exception exception);
}
