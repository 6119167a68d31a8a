using NodaTime;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Doctors;

namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>
/// One doctor's slots on one local date, keyed by <see cref="ScheduleDayKey"/>: the only writer of those slots, so two
/// bookings of one slot can never both succeed.
/// </summary>
public interface IDoctorScheduleGrain : IGrainWithStringKey
{
    /// <summary>The day's slots that are neither booked nor held and start after now.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Slot>> GetFreeSlots();

    /// <summary>
    /// The same, worked out from the caller's copy of this day's doctor (a search has the directory's), which saves the
    /// schedule its call to the doctor. For reads only: booking always asks the doctor itself. The list is the grain's
    /// own new one and never changed, so it is passed as <see cref="Immutable{T}"/>: a search's thousands of answers are
    /// not deep-copied within a silo.
    /// </summary>
    [ReadOnly]
    Task<Immutable<IReadOnlyList<Slot>>> GetFreeSlotsGiven(DoctorProfile doctor);

    /// <summary>The day's taken slots.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SlotBooking>> GetBookings();

    /// <summary>The day's taken slots as times only, with the revision they are as of: what the clinic's day availability holds.</summary>
    [ReadOnly]
    Task<ScheduleDayClaims> GetClaims();

    /// <summary>Whether the slot starting at <paramref name="start"/> could be booked now, without taking it.</summary>
    [ReadOnly]
    Task<BookingRejection> Check(Instant start);

    /// <summary>Takes the slot starting at <paramref name="start"/> for the appointment; repeating it for the same appointment succeeds again.</summary>
    Task<SlotResult> Book(string appointmentId, Instant start);

    /// <summary>Holds the slot for <paramref name="holderId"/> until <paramref name="ttl"/> passes; a later <see cref="Book"/> by the same id turns it into a booking.</summary>
    Task<SlotResult> Hold(string holderId, Instant start, Duration ttl);

    /// <summary>Frees the slot if, and only if, it is taken by <paramref name="appointmentId"/>; otherwise does nothing.</summary>
    Task Release(string appointmentId, Instant start);
}

/// <summary>The outcome of taking a slot: the slot itself when taken, else why not.</summary>
[GenerateSerializer, Immutable]
public sealed record SlotResult([property: Id(0)] BookingRejection Rejection, [property: Id(1)] Slot Slot)
{
    /// <summary>True when the slot is now the caller's.</summary>
    public bool Succeeded => Rejection == BookingRejection.None;
}
