using NodaTime;

namespace OrleansClinic.Tiering;

/// <summary>
/// The tiering job's current or last run: whether it is running, what it moved, which records it destroyed at the end
/// of retention (and how many wait for a cold batch), how many delivered events it cleared, and what went wrong.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TieringRunView(
    [property: Id(0)] bool Running,
    [property: Id(1)] Instant? StartedAt,
    [property: Id(2)] Instant? FinishedAt,
    [property: Id(3)] Instant? EndedBefore,
    [property: Id(4)] long Moved,
    [property: Id(5)] int Batches,
    [property: Id(6)] string? LastError,
    [property: Id(7)] long Destroyed,
    [property: Id(8)] long AppointmentsDestroyed,
    [property: Id(9)] int AwaitingRestore,
    [property: Id(10)] TieringPhase Phase,
    [property: Id(11)] long Cleared);
