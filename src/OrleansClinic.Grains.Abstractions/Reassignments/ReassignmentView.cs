using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Reassignments;

/// <summary>A reassignment workflow's progress: the window, where it stands, and what became of each appointment.</summary>
[GenerateSerializer, Immutable]
public sealed record ReassignmentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string DoctorId,
    [property: Id(2)] Instant From,
    [property: Id(3)] Instant To,
    [property: Id(4)] ReassignmentStatus Status,
    [property: Id(5)] Instant StartedAt,
    [property: Id(6)] Instant? FinishedAt,
    [property: Id(7)] IReadOnlyList<ReassignmentItemView> Appointments);

/// <summary>What became of one affected appointment.</summary>
/// <param name="AppointmentId">The appointment.</param>
/// <param name="Start">Its start (unchanged by a reassignment).</param>
/// <param name="Outcome">Pending, moved, needs attention, skipped or not reached.</param>
/// <param name="NewDoctorId">The doctor who took it over, when moved.</param>
/// <param name="Note">Why it was skipped or needs attention.</param>
/// <param name="Alternatives">For one that needs attention: the nearest free slots of suitable doctors.</param>
[GenerateSerializer, Immutable]
public sealed record ReassignmentItemView(
    [property: Id(0)] string AppointmentId,
    [property: Id(1)] Instant Start,
    [property: Id(2)] ReassignmentOutcome Outcome,
    [property: Id(3)] string? NewDoctorId,
    [property: Id(4)] string? Note,
    [property: Id(5)] IReadOnlyList<AlternativeSlot> Alternatives);

/// <summary>A free slot offered to staff for an appointment that needs attention.</summary>
[GenerateSerializer, Immutable]
public sealed record AlternativeSlot([property: Id(0)] string DoctorId, [property: Id(1)] Instant Start, [property: Id(2)] Instant End);

/// <summary>Where a reassignment workflow stands.</summary>
public enum ReassignmentStatus
{
    /// <summary>Working through the appointments.</summary>
    Running,

    /// <summary>Every appointment was dealt with.</summary>
    Completed,

    /// <summary>Stopped early because the doctor came back.</summary>
    Cancelled,
}

/// <summary>What became of one appointment.</summary>
public enum ReassignmentOutcome
{
    /// <summary>Not dealt with yet.</summary>
    Pending,

    /// <summary>Moved to another doctor at the same time.</summary>
    Moved,

    /// <summary>No doctor was free at its time: flagged for staff.</summary>
    NeedsAttention,

    /// <summary>Left alone: cancelled, already moved, or changed meanwhile.</summary>
    Skipped,

    /// <summary>Not reached: the doctor came back first.</summary>
    NotReached,
}

/// <summary>The API spelling of reassignment statuses and outcomes.</summary>
public static class ReassignmentNames
{
    /// <summary>The status as the API spells it.</summary>
    public static string ToApiName(this ReassignmentStatus status) => status switch
    {
        ReassignmentStatus.Running => "running",
        ReassignmentStatus.Completed => "completed",
        ReassignmentStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The outcome as the API spells it.</summary>
    public static string ToApiName(this ReassignmentOutcome outcome) => outcome switch
    {
        ReassignmentOutcome.Pending => "pending",
        ReassignmentOutcome.Moved => "moved",
        ReassignmentOutcome.NeedsAttention => "needs_attention",
        ReassignmentOutcome.Skipped => "skipped",
        ReassignmentOutcome.NotReached => "not_reached",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
