using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Appointments;

/// <summary>A request to book a doctor's slot for a patient.</summary>
[GenerateSerializer, Immutable]
public sealed record BookAppointment(
    [property: Id(0)] string DoctorId,
    [property: Id(1)] string PatientId,
    [property: Id(2)] Instant Start,
    [property: Id(3)] string? Reason);
