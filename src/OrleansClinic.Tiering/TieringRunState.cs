using NodaTime;

namespace OrleansClinic.Tiering;

/// <summary>Persisted progress of the tiering job: enough for a run cut short by a dead silo to carry on where it was.</summary>
[GenerateSerializer]
public sealed class TieringRunState
{
    /// <summary>True from a run's start until a step finds nothing left to move.</summary>
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
}
