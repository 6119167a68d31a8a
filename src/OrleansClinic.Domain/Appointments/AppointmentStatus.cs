namespace OrleansClinic.Domain.Appointments;

/// <summary>Where an appointment is in its life.</summary>
public enum AppointmentStatus
{
    /// <summary>Not yet booked (a new appointment id).</summary>
    None,

    /// <summary>Holds a slot and is waiting for the patient.</summary>
    Booked,

    /// <summary>The patient has arrived.</summary>
    CheckedIn,

    /// <summary>The consultation took place.</summary>
    Completed,

    /// <summary>Cancelled by the patient or the clinic; its slot is free again. Final.</summary>
    Cancelled,

    /// <summary>The patient did not come. Final.</summary>
    NoShow,

    /// <summary>Its doctor became unavailable and no other doctor was free at its time: staff must move or cancel it.</summary>
    NeedsAttention,
}
