using NodaTime;
using OrleansClinic.Domain.Appointments;

namespace OrleansClinic.Grains.Abstractions.Appointments;

/// <summary>An appointment as callers see it, with its history.</summary>
[GenerateSerializer, Immutable]
public sealed record AppointmentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string DoctorId,
    [property: Id(2)] string PatientId,
    [property: Id(3)] Instant Start,
    [property: Id(4)] Instant End,
    [property: Id(5)] AppointmentStatus Status,
    [property: Id(6)] string? Reason,
    [property: Id(7)] int Version,
    [property: Id(8)] IReadOnlyList<AppointmentHistoryEntry> History);

/// <summary>One step in an appointment's life: what happened, when, by whom, and the slot it held afterwards.</summary>
[GenerateSerializer, Immutable]
public sealed record AppointmentHistoryEntry(
    [property: Id(0)] string Action,
    [property: Id(1)] Instant At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string DoctorId,
    [property: Id(4)] Instant Start,
    [property: Id(5)] string? Note);
