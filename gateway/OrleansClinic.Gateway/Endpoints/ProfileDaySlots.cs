using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NodaTime;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// <see cref="DoctorProfile.SlotsOn"/>, remembered per profile object. A profile never changes (a changed doctor is a
/// new profile), and within a silo the directory hands out the same objects to every search, so a week across a thousand
/// doctors stops working out 7,000 days of slots each time. Entries go with their profile.
/// </summary>
public static class ProfileDaySlots
{
    // Dates a profile remembers before it starts again: a month of searches either side, without growing for ever.
    private const int MostDates = 64;

    private static readonly ConditionalWeakTable<DoctorProfile, ConcurrentDictionary<LocalDate, IReadOnlyList<Slot>>> Remembered = [];

    /// <summary>The slots <paramref name="doctor"/> offers on <paramref name="date"/>, taken or not.</summary>
    public static IReadOnlyList<Slot> On(DoctorProfile doctor, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        var days = Remembered.GetOrCreateValue(doctor);
        if (days.TryGetValue(date, out var slots))
        {
            return slots;
        }

        if (days.Count >= MostDates)
        {
            days.Clear();
        }

        return days.GetOrAdd(date, doctor.SlotsOn(date));
    }
}
