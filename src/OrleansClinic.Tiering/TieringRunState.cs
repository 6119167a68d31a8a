using NodaTime;

namespace OrleansClinic.Tiering;

/// <summary>Persisted progress of the tiering job: enough for a run cut short by a dead silo to carry on where it was.</summary>
[GenerateSerializer]
public sealed class TieringRunState
{
    /// <summary>True from a run's start until the last patient due for review has been reviewed.</summary>
    [Id(0)] public bool Running { get; set; }

    /// <summary>When the current or last run started.</summary>
    [Id(1)] public Instant? StartedAt { get; set; }

    /// <summary>When the last run finished.</summary>
    [Id(2)] public Instant? FinishedAt { get; set; }

    /// <summary>The run's cut-off, fixed at its start so a resumed run moves what it set out to move.</summary>
    [Id(3)] public Instant? EndedBefore { get; set; }

    /// <summary>Appointments moved by this run so far.</summary>
    [Id(4)] public long Moved { get; set; }

    /// <summary>Batches written by this run so far.</summary>
    [Id(5)] public int Batches { get; set; }

    /// <summary>The last step's failure, cleared by the next success.</summary>
    [Id(6)] public string? LastError { get; set; }

    /// <summary>What the run is doing: moving, reviewing for the end of retention, or clearing delivered events.</summary>
    [Id(7)] public TieringPhase Phase { get; set; }

    /// <summary>The run's review bound (see <c>RetentionRule.ReviewContactsBefore</c>), fixed at its start.</summary>
    [Id(8)] public Instant? ContactsBefore { get; set; }

    /// <summary>The run's day, in UTC, for the dates erasure requests set.</summary>
    [Id(9)] public LocalDate? Today { get; set; }

    /// <summary>The last patient reviewed, so a resumed run goes on after them.</summary>
    [Id(10)] public string? ReviewedThrough { get; set; }

    /// <summary>Records destroyed by this run.</summary>
    [Id(11)] public long Destroyed { get; set; }

    /// <summary>Appointments this run destroyed, hot and archived.</summary>
    [Id(12)] public long AppointmentsDestroyed { get; set; }

    /// <summary>Records due but waiting for a cold batch to be restored; a later run destroys them.</summary>
    [Id(13)] public int AwaitingRestore { get; set; }

    /// <summary>Delivered outbox events and processed-event records this run cleared.</summary>
    [Id(14)] public long Cleared { get; set; }

    /// <summary>The run's bound for clearing sent events, fixed at its start.</summary>
    [Id(15)] public Instant? SentBefore { get; set; }

    /// <summary>The run's bound for clearing processed-event records, fixed at its start.</summary>
    [Id(16)] public Instant? ProcessedBefore { get; set; }
}
