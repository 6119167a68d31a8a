using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using OrleansClinic.Domain.Archival;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Tiering;

/// <summary>
/// Runs <see cref="AppointmentArchivist"/> on a schedule (an Orleans reminder, on PostgreSQL with the clinic), one batch
/// per timer tick, saving its progress after each. A run cut short by a dead silo is carried on by the resume reminder
/// on whichever silo activates the grain next; every step can be repeated, so a step redone after a crash moves nothing twice.
/// </summary>
public sealed partial class TieringJobGrain(
    [PersistentState(ClinicStorage.TieringRun, ClinicStorage.ProviderName)] IPersistentState<TieringRunState> state,
    AppointmentArchivist archivist,
    IOptions<TieringOptions> options,
    IClock clock,
    ILogger<TieringJobGrain> logger) : Grain, ITieringJobGrain, IRemindable
{
    private const string ScheduleReminder = "tiering-schedule";
    private const string ResumeReminder = "tiering-resume";
    private IGrainTimer? worker;

    private TieringRunState S => state.State;

    /// <inheritdoc />
    public async Task Schedule()
    {
        // Registered once: re-registering at every silo start would push the next run back with every deployment.
        if (await this.GetReminder(ScheduleReminder) is null)
        {
            await this.RegisterOrUpdateReminder(ScheduleReminder, options.Value.Interval, options.Value.Interval);
        }

        await ContinueIfRunning();
    }

    /// <inheritdoc />
    public async Task<TieringRunView> RunNow()
    {
        await Start();
        return View();
    }

    /// <inheritdoc />
    public Task<TieringRunView> Get() => Task.FromResult(View());

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ScheduleReminder)
        {
            await Start();
        }
        else
        {
            await ContinueIfRunning();
        }
    }

    private async Task Start()
    {
        if (!S.Running)
        {
            var now = clock.GetCurrentInstant();
            (S.Running, S.StartedAt, S.EndedBefore, S.Moved, S.Batches, S.LastError) =
                (true, now, TieringRules.EndedBefore(now, options.Value.HotWindowPeriod), 0, 0, null);
            await state.WriteStateAsync();
            LogStarted(S.EndedBefore.Value);
        }

        await ContinueIfRunning();
    }

    private async Task ContinueIfRunning()
    {
        if (!S.Running)
        {
            if (await this.GetReminder(ResumeReminder) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }

            return;
        }

        // Brings the run back within a minute if this silo dies; removed when the run ends.
        if (await this.GetReminder(ResumeReminder) is null)
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        worker ??= this.RegisterGrainTimer(Step, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(50)) { Interleave = false });
    }

    private async Task Step(CancellationToken cancellationToken)
    {
        if (!S.Running || S.EndedBefore is not { } endedBefore)
        {
            StopWorker();
            return;
        }

        TieredBatch batch;
        try
        {
            batch = await archivist.ArchiveNextBatchAsync(endedBefore, options.Value.BatchSize, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was deleted unless it was archived and verified; the resume reminder tries again in a minute.
            S.LastError = e.GetType().Name + ": " + e.Message;
            await state.WriteStateAsync(cancellationToken);
            LogStepFailed(e);
            StopWorker();
            return;
        }

        if (batch.Moved == 0)
        {
            (S.Running, S.FinishedAt, S.LastError) = (false, clock.GetCurrentInstant(), null);
            await state.WriteStateAsync(cancellationToken);
            LogFinished(S.Moved, S.Batches);
            StopWorker();
            await ContinueIfRunning();
            return;
        }

        (S.Moved, S.Batches, S.LastError) = (S.Moved + batch.Moved, S.Batches + 1, null);
        await state.WriteStateAsync(cancellationToken);
    }

    private void StopWorker()
    {
        worker?.Dispose();
        worker = null;
    }

    private TieringRunView View() => new(S.Running, S.StartedAt, S.FinishedAt, S.EndedBefore, S.Moved, S.Batches, S.LastError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tiering started: appointments that ended before {EndedBefore} move to the archive")]
    private partial void LogStarted(Instant endedBefore);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tiering finished: {Moved} appointments in {Batches} batches")]
    private partial void LogFinished(long moved, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tiering step failed; the run resumes within a minute")]
    private partial void LogStepFailed(Exception exception);
}
