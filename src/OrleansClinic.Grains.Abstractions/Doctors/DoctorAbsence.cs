using NodaTime;
using OrleansClinic.Domain.Doctors;

namespace OrleansClinic.Grains.Abstractions.Doctors;

/// <summary>A window in which a doctor sees no patients, and the reassignment workflow that moves their appointments.</summary>
/// <param name="From">Start of the window.</param>
/// <param name="To">End of the window (exclusive).</param>
/// <param name="Kind">Emergency (unavailable from now until they return) or planned leave (the window only).</param>
/// <param name="Reason">Staff's short note; never shown on the public schedule stream.</param>
/// <param name="WorkflowId">The reassignment workflow for the appointments in the window.</param>
[GenerateSerializer, Immutable]
public sealed record DoctorAbsence(
    [property: Id(0)] Instant From,
    [property: Id(1)] Instant To,
    [property: Id(2)] AbsenceKind Kind,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string WorkflowId)
{
    /// <summary>True when the window shares any time with [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public bool Overlaps(Instant start, Instant end) => From < end && start < To;

    /// <summary>The window as the status rules see it.</summary>
    public AbsenceWindow Window => new(Kind, From, To);
}
