using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Grains.Abstractions.Doctors;

/// <summary>What the clinic knows about a doctor: professional name, where and how they see patients, and when.</summary>
[GenerateSerializer, Immutable]
public sealed record DoctorProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Specialty,
    [property: Id(3)] string LocationId,
    [property: Id(4)] string TimeZone,
    [property: Id(5)] int SlotMinutes,
    [property: Id(6)] DoctorStatus Status,
    [property: Id(7)] Availability Availability)
{
    /// <summary>The doctor's absences, oldest first; slots inside one are not offered or booked.</summary>
    [Id(8)]
    public IReadOnlyList<DoctorAbsence> Absences { get; init; } = [];
}
