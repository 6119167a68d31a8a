using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Storage;

/// <summary>
/// The columns of an appointment that the database itself checks: while <see cref="HoldsSlot"/> is true no other
/// appointment may hold an overlapping interval of the same doctor (an exclusion constraint, the last line of defence
/// against a double booking).
/// </summary>
public interface IAppointmentSlotRow
{
    /// <summary>Doctor whose slot the appointment holds, or null before it is booked.</summary>
    string? DoctorId { get; }

    /// <summary>Patient the appointment is for, or null before it is booked.</summary>
    string? PatientId { get; }

    /// <summary>Start of the held slot.</summary>
    Instant? SlotStart { get; }

    /// <summary>End of the held slot.</summary>
    Instant? SlotEnd { get; }

    /// <summary>Lifecycle status in API spelling (<c>booked</c>, <c>cancelled</c>, ...).</summary>
    string? Status { get; }

    /// <summary>True while the appointment occupies its slot (booked or checked in or completed; not cancelled).</summary>
    bool HoldsSlot { get; }
}
