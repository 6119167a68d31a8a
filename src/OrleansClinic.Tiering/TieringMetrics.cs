using System.Diagnostics.Metrics;

namespace OrleansClinic.Tiering;

/// <summary>
/// The tiering job's progress on the <c>OrleansClinic.Tiering</c> meter: what moved to the archive, what was destroyed at
/// the end of retention, what housekeeping cleared, and how runs end. Counts only, never whose records.
/// </summary>
public sealed class TieringMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Tiering";

    /// <summary>Counter: appointments moved from PostgreSQL to the archive.</summary>
    public const string ArchivedName = "clinic.tiering.appointments_archived";

    /// <summary>Counter: archive batches written.</summary>
    public const string BatchesName = "clinic.tiering.archive_batches";

    /// <summary>Counter: patient records destroyed at the end of their retention.</summary>
    public const string RecordsDestroyedName = "clinic.tiering.records_destroyed";

    /// <summary>Counter: appointments destroyed with those records (hot and archived).</summary>
    public const string AppointmentsDestroyedName = "clinic.tiering.appointments_destroyed";

    /// <summary>Counter: delivered outbox events and processed-event records cleared.</summary>
    public const string ClearedName = "clinic.tiering.events_cleared";

    /// <summary>Counter: runs finished, and steps that failed (tagged with their phase), by <c>clinic.tiering.outcome</c>.</summary>
    public const string RunEventsName = "clinic.tiering.run_events";

    private readonly Counter<long> archived;
    private readonly Counter<long> batches;
    private readonly Counter<long> recordsDestroyed;
    private readonly Counter<long> appointmentsDestroyed;
    private readonly Counter<long> cleared;
    private readonly Counter<long> runEvents;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, which owns and disposes it.</summary>
    public TieringMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        archived = meter.CreateCounter<long>(ArchivedName, unit: "{appointment}", description: "Appointments moved to the archive.");
        batches = meter.CreateCounter<long>(BatchesName, unit: "{batch}", description: "Archive batches written.");
        recordsDestroyed = meter.CreateCounter<long>(RecordsDestroyedName, unit: "{record}", description: "Patient records destroyed at the end of retention.");
        appointmentsDestroyed = meter.CreateCounter<long>(AppointmentsDestroyedName, unit: "{appointment}", description: "Appointments destroyed at the end of retention.");
        cleared = meter.CreateCounter<long>(ClearedName, unit: "{event}", description: "Delivered outbox events and processed-event records cleared.");
        runEvents = meter.CreateCounter<long>(RunEventsName, unit: "{event}", description: "Tiering runs finished and steps failed.");
    }

    internal void Archived(long appointments)
    {
        archived.Add(appointments);
        batches.Add(1);
    }

    internal void Destroyed(int records, long appointments)
    {
        recordsDestroyed.Add(records);
        appointmentsDestroyed.Add(appointments);
    }

    internal void Cleared(long count) => cleared.Add(count);

    internal void Finished() => runEvents.Add(1, new KeyValuePair<string, object?>("clinic.tiering.outcome", "finished"));

    internal void StepFailed(TieringPhase phase) => runEvents.Add(
        1, new KeyValuePair<string, object?>("clinic.tiering.outcome", "step_failed"), new KeyValuePair<string, object?>("clinic.tiering.phase", phase.ToString()));
}
