using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using OrleansClinic.Domain.Archival;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Grains.Abstractions;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Tiering;

/// <summary>
/// Looks after the records' life on a schedule (an Orleans reminder, on PostgreSQL with the clinic): first moves what is
/// past the hot window to the archive (<see cref="AppointmentArchivist"/>), then destroys the records whose retention
/// has ended, from every tier (<see cref="AppointmentPurger"/>, then the patient grain shreds the personal details), and
/// last clears outbox events long delivered (<see cref="OutboxHousekeeper"/>). One
/// batch per timer tick, progress saved after each. A run cut short by a dead silo is carried on by the resume reminder
/// on whichever silo activates the grain next; every step can be repeated, so a step redone after a crash moves or
/// destroys nothing twice.
/// </summary>
public sealed partial class TieringJobGrain(
    [PersistentState(ClinicStorage.TieringRun, ClinicStorage.ProviderName)] IPersistentState<TieringRunState> state,
    AppointmentArchivist archivist,
    RetentionCandidates candidates,
    AppointmentPurger purger,
    OutboxHousekeeper housekeeper,
    RetentionRule retention,
    IOptions<TieringOptions> options,
    IClock clock,
    TieringMetrics metrics,
    ILogger<TieringJobGrain> logger) : Grain, ITieringJobGrain, IRemindable
{
    private const string ScheduleReminder = "tiering-schedule";
    private const string ResumeReminder = "tiering-resume";

    /// <summary>Why the job reads a date of birth and destroys a record, in the access log and the register of deleted records.</summary>
    private static readonly DetailsAccess RetentionAccess = new(ClinicRequestContext.System, ClinicRequestContext.System, "retention period ended");
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
            var today = now.InUtc().Date;
            (S.Running, S.StartedAt, S.EndedBefore, S.Moved, S.Batches, S.LastError) =
                (true, now, TieringRules.EndedBefore(now, options.Value.HotWindowPeriod), 0, 0, null);
            (S.Phase, S.ContactsBefore, S.Today, S.ReviewedThrough, S.Destroyed, S.AppointmentsDestroyed, S.AwaitingRestore) =
                (TieringPhase.Moving, retention.ReviewContactsBefore(today), today, null, 0, 0, 0);
            (S.SentBefore, S.ProcessedBefore, S.Cleared) =
                (now - Duration.FromTimeSpan(options.Value.SentEventsKept), now - Duration.FromTimeSpan(options.Value.ProcessedEventsKept), 0);
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

        bool done;
        try
        {
            done = S.Phase switch
            {
                TieringPhase.Moving => await MoveNext(endedBefore, cancellationToken),
                TieringPhase.Reviewing => await ReviewNext(cancellationToken),
                _ => await ClearNext(cancellationToken),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was deleted unless it was archived and verified, nor destroyed unless it was due; the resume
            // reminder tries again in a minute.
            S.LastError = e.GetType().Name + ": " + e.Message;
            await state.WriteStateAsync(cancellationToken);
            metrics.StepFailed(S.Phase);
            LogStepFailed(e);
            StopWorker();
            return;
        }

        if (done)
        {
            (S.Running, S.FinishedAt, S.LastError) = (false, clock.GetCurrentInstant(), null);
            await state.WriteStateAsync(cancellationToken);
            metrics.Finished();
            LogFinished(S.Moved, S.Batches, S.Destroyed, S.AwaitingRestore, S.Cleared);
            StopWorker();
            await ContinueIfRunning();
            return;
        }

        S.LastError = null;
        await state.WriteStateAsync(cancellationToken);
    }

    private async Task<bool> MoveNext(Instant endedBefore, CancellationToken cancellationToken)
    {
        var batch = await archivist.ArchiveNextBatchAsync(endedBefore, options.Value.BatchSize, cancellationToken);
        if (batch.Moved == 0)
        {
            S.Phase = TieringPhase.Reviewing;
        }
        else
        {
            (S.Moved, S.Batches) = (S.Moved + batch.Moved, S.Batches + 1);
            metrics.Archived(batch.Moved);
        }

        return false;
    }

    private async Task<bool> ReviewNext(CancellationToken cancellationToken)
    {
        var due = await candidates.NextAsync(S.ReviewedThrough, S.ContactsBefore!.Value, S.Today!.Value, options.Value.ReviewBatchSize, cancellationToken);
        foreach (var candidate in due)
        {
            var patient = GrainFactory.GetGrain<IPatientGrain>(candidate.PatientId);
            if (await patient.ReviewRetention(candidate.LastContact, RetentionAccess))
            {
                // Appointments first: a record whose details went but whose visits stayed could no longer be reviewed.
                var purged = await purger.PurgePatientAsync(candidate.PatientId, RetentionAccess.Purpose, cancellationToken);
                S.AppointmentsDestroyed += purged.Hot + purged.Archived;
                metrics.Destroyed(0, purged.Hot + purged.Archived);
                if (!purged.Complete)
                {
                    // Its cold batches are being restored; a run after S3 has restored them finishes the record.
                    S.AwaitingRestore++;
                }
                else if (await patient.DestroyRecord(RetentionAccess))
                {
                    S.Destroyed++;
                    metrics.Destroyed(1, 0);
                }
            }

            S.ReviewedThrough = candidate.PatientId;
        }

        if (due.Count == 0)
        {
            S.Phase = TieringPhase.Clearing;
        }

        return false;
    }

    private async Task<bool> ClearNext(CancellationToken cancellationToken)
    {
        var cleared = await housekeeper.ClearNextAsync(S.SentBefore!.Value, S.ProcessedBefore!.Value, options.Value.BatchSize, cancellationToken);
        S.Cleared += cleared;
        metrics.Cleared(cleared);
        return cleared == 0;
    }

    private void StopWorker()
    {
        worker?.Dispose();
        worker = null;
    }

    private TieringRunView View() =>
        new(S.Running, S.StartedAt, S.FinishedAt, S.EndedBefore, S.Moved, S.Batches, S.LastError, S.Destroyed, S.AppointmentsDestroyed, S.AwaitingRestore, S.Phase, S.Cleared);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tiering started: appointments that ended before {EndedBefore} move to the archive")]
    private partial void LogStarted(Instant endedBefore);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tiering finished: {Moved} appointments moved in {Batches} batches; {Destroyed} records destroyed at the end of retention, {AwaitingRestore} waiting for a restore; {Cleared} delivered events cleared")]
    private partial void LogFinished(long moved, int batches, long destroyed, int awaitingRestore, long cleared);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tiering step failed; the run resumes within a minute")]
    private partial void LogStepFailed(Exception exception);
}
