using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>Where a patient's erasure request stands: what went, what waits for retention to end, what was cancelled.</summary>
/// <param name="RequestedAt">When the patient first asked; repeats of the request keep it.</param>
/// <param name="Complete">True once nothing personal is left (the vault record shredded).</param>
/// <param name="ErasedNow">The personal-details fields erased by this request (all of them when complete).</param>
/// <param name="RestErasedOn">The day the kept health record becomes erasable; null when complete.</param>
/// <param name="CancelledAppointments">Upcoming appointments this request cancelled.</param>
[GenerateSerializer, Immutable]
public sealed record ErasureOutcome(
    [property: Id(0)] Instant RequestedAt,
    [property: Id(1)] bool Complete,
    [property: Id(2)] IReadOnlyList<string> ErasedNow,
    [property: Id(3)] LocalDate? RestErasedOn,
    [property: Id(4)] IReadOnlyList<string> CancelledAppointments);
