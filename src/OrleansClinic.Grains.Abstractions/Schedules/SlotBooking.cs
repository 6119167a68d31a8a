using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>A slot of a doctor's day that is taken, and by which appointment (no patient identity).</summary>
[GenerateSerializer, Immutable]
public sealed record SlotBooking(
    [property: Id(0)] Instant Start,
    [property: Id(1)] Instant End,
    [property: Id(2)] string AppointmentId,
    [property: Id(3)] bool IsHold);
