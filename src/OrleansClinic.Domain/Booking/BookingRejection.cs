namespace OrleansClinic.Domain.Booking;

/// <summary>Why a requested start cannot be booked; <see cref="None"/> when it can.</summary>
public enum BookingRejection
{
    /// <summary>The start is bookable as far as the calendar is concerned.</summary>
    None,

    /// <summary>The start is in the past or inside the minimum notice.</summary>
    InPast,

    /// <summary>The start is further ahead than the clinic books.</summary>
    TooFarAhead,

    /// <summary>The start is not the start of one of the doctor's slots (outside hours or off the slot grid).</summary>
    NotASlot,

    /// <summary>The slot is already booked or held by someone else.</summary>
    SlotTaken,

    /// <summary>The patient already has an appointment at an overlapping time.</summary>
    PatientBusy,

    /// <summary>The doctor is not taking bookings (unavailable or on leave).</summary>
    DoctorUnavailable,
}
