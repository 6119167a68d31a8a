using NodaTime;
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

    /// <summary>
    /// The slots the doctor offers on a local day, taken or not: weekly hours and date exceptions, less absences. Leave
    /// closes only its window; an emergency (<see cref="DoctorStatus.Unavailable"/>) is the caller's to check.
    /// </summary>
    public IReadOnlyList<Slot> SlotsOn(LocalDate date)
    {
        // A search works this out for every doctor and day it covers: without absences the calendar's list is the answer.
        var slots = SlotCalendar.SlotsFor(date, DateTimeZoneProviders.Tzdb[TimeZone], Duration.FromMinutes(SlotMinutes), Availability);
        return Absences.Count == 0 ? slots : [.. slots.Where(s => !Absences.Any(a => a.Overlaps(s.Start, s.End)))];
    }
}
