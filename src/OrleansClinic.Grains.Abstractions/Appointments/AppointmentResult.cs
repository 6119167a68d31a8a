namespace OrleansClinic.Grains.Abstractions.Appointments;

/// <summary>The outcome of an appointment command: the appointment as it now stands, or why the command was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record AppointmentResult([property: Id(0)] AppointmentError Error, [property: Id(1)] AppointmentView? Appointment)
{
    /// <summary>A successful outcome.</summary>
    public static AppointmentResult Ok(AppointmentView appointment) => new(AppointmentError.None, appointment);

    /// <summary>A refusal, with the appointment as it stands if it exists.</summary>
    public static AppointmentResult Fail(AppointmentError error, AppointmentView? appointment = null) => new(error, appointment);

    /// <summary>True when the command took effect.</summary>
    public bool Succeeded => Error == AppointmentError.None;
}
