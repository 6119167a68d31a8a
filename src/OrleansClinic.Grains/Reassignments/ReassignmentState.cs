using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Reassignments;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Reassignments;

/// <summary>Persisted state of a <see cref="ReassignmentWorkflowGrain"/>: the window and each appointment's outcome.</summary>
[GenerateSerializer]
public sealed class ReassignmentState : IOutboxState
{
    /// <summary>The unavailable doctor; null until started.</summary>
    [Id(0)] public string? DoctorId { get; set; }

    /// <summary>Start of the window.</summary>
    [Id(1)] public Instant From { get; set; }

    /// <summary>End of the window (exclusive).</summary>
    [Id(2)] public Instant To { get; set; }

    /// <summary>Where the workflow stands.</summary>
    [Id(3)] public ReassignmentStatus Status { get; set; }

    /// <summary>When it started.</summary>
    [Id(4)] public Instant StartedAt { get; set; }

    /// <summary>When it completed or was cancelled.</summary>
    [Id(5)] public Instant? FinishedAt { get; set; }

    /// <summary>The affected appointments in start order, each with its outcome so far.</summary>
    [Id(6)] public List<ReassignmentItem> Items { get; set; } = [];

    /// <summary>The unavailable doctor's specialty: replacements share it.</summary>
    [Id(7)] public string Specialty { get; set; } = "";

    /// <summary>The unavailable doctor's location: replacements share it.</summary>
    [Id(8)] public string LocationId { get; set; } = "";

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}

/// <summary>One affected appointment and what became of it.</summary>
[GenerateSerializer]
public sealed class ReassignmentItem
{
    /// <summary>The appointment.</summary>
    [Id(0)] public string AppointmentId { get; set; } = "";

    /// <summary>Its start.</summary>
    [Id(1)] public Instant Start { get; set; }

    /// <summary>What became of it.</summary>
    [Id(2)] public ReassignmentOutcome Outcome { get; set; }

    /// <summary>The doctor who took it over.</summary>
    [Id(3)] public string? NewDoctorId { get; set; }

    /// <summary>Why it was skipped or needs attention.</summary>
    [Id(4)] public string? Note { get; set; }

    /// <summary>Nearest free slots offered to staff when it needs attention.</summary>
    [Id(5)] public List<AlternativeSlot> Alternatives { get; set; } = [];
}
