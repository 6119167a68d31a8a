using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Grains.Abstractions.Doctors;

/// <summary>The details needed to add a doctor to the clinic.</summary>
[GenerateSerializer, Immutable]
public sealed record NewDoctor(
    [property: Id(0)] string Name,
    [property: Id(1)] string Specialty,
    [property: Id(2)] string LocationId,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] int SlotMinutes,
    [property: Id(5)] Availability Availability);
