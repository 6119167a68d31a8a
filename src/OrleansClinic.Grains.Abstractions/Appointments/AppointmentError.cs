namespace OrleansClinic.Grains.Abstractions.Appointments;

/// <summary>Why an appointment command was refused; <see cref="None"/> on success.</summary>
public enum AppointmentError
{
    /// <summary>The command succeeded.</summary>
    None,

    /// <summary>No appointment has this id.</summary>
    NotFound,

    /// <summary>The appointment id is already used by a different booking.</summary>
    AlreadyExists,

    /// <summary>The doctor does not exist.</summary>
    DoctorNotFound,

    /// <summary>The doctor is not taking bookings.</summary>
    DoctorUnavailable,

    /// <summary>The patient is not registered.</summary>
    PatientNotFound,

    /// <summary>The slot is booked or held by someone else.</summary>
    SlotTaken,

    /// <summary>The start is not one of the doctor's slots (outside hours or off the grid).</summary>
    NotASlot,

    /// <summary>The start is in the past.</summary>
    InPast,

    /// <summary>The start is further ahead than the clinic books.</summary>
    TooFarAhead,

    /// <summary>The patient already has an overlapping appointment.</summary>
    PatientBusy,

    /// <summary>The appointment's status does not allow this step.</summary>
    InvalidTransition,
}
