namespace OrleansClinic.Grains.Abstractions.Events;

/// <summary>
/// Names that tie committed events to their Kafka topics and Orleans streams: a stream's namespace is its topic and its
/// key is the Kafka message key (see docs/decisions/0002-event-backbone-plan.md).
/// </summary>
public static class ClinicEventStreams
{
    /// <summary>Name of the Orleans stream provider that delivers the clinic's Kafka topics.</summary>
    public const string ProviderName = "clinic-events";

    /// <summary>Schedule and doctor events (<c>slot.*</c>, <c>doctor.*</c>) keyed by doctor id; no patient identity.</summary>
    public const string DoctorsTopic = "clinic.doctors";

    /// <summary>Appointment events keyed by appointment id, for projections and notifications.</summary>
    public const string AppointmentsTopic = "clinic.appointments";

    /// <summary>The same appointment events keyed by patient id: one stream per patient.</summary>
    public const string PatientAppointmentsTopic = "clinic.patient-appointments";

    /// <summary>Patient events (<c>patient.*</c>) keyed by patient id.</summary>
    public const string PatientsTopic = "clinic.patients";

    /// <summary>Every event of the clinic, all under one key (<see cref="ClinicKey"/>), for the staff dashboard.</summary>
    public const string ClinicTopic = "clinic.all";

    /// <summary>The message key of every event on <see cref="ClinicTopic"/>: one partition, so one total order.</summary>
    public const string ClinicKey = "clinic";
}
