using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Grains.Abstractions.Appointments;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>The HTTP problem for each way an appointment command can be refused.</summary>
public static class AppointmentProblems
{
    /// <summary>The problem response for <paramref name="error"/>.</summary>
    public static ProblemHttpResult For(AppointmentError error) => error switch
    {
        AppointmentError.NotFound => Http.Problems.NotFound("appointment"),
        AppointmentError.AlreadyExists => Conflict("appointment-exists", "This appointment id is already used for a different booking."),
        AppointmentError.DoctorNotFound => Invalid("unknown-doctor", "No doctor has this id."),
        AppointmentError.DoctorUnavailable => Conflict("doctor-unavailable", "The doctor is not taking bookings."),
        AppointmentError.PatientNotFound => Invalid("unknown-patient", "No registered patient has this id."),
        AppointmentError.SlotTaken => Conflict("slot-taken", "The slot is already taken."),
        AppointmentError.NotASlot => Conflict("not-a-slot", "The doctor has no slot starting at that time (outside their hours or off the slot grid)."),
        AppointmentError.InPast => Invalid("in-past", "The start is in the past."),
        AppointmentError.TooFarAhead => Invalid("too-far-ahead", "The start is further ahead than the clinic takes bookings."),
        AppointmentError.PatientBusy => Conflict("patient-busy", "The patient already has an appointment at an overlapping time."),
        AppointmentError.InvalidTransition => Conflict("invalid-transition", "The appointment's status does not allow this step."),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    private static ProblemHttpResult Conflict(string code, string title) => Http.Problems.Create(StatusCodes.Status409Conflict, code, title);

    private static ProblemHttpResult Invalid(string code, string title) => Http.Problems.Create(StatusCodes.Status422UnprocessableEntity, code, title);
}
