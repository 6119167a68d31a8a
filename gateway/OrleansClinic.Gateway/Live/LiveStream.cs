using OrleansClinic.Grains.Abstractions.Events;

namespace OrleansClinic.Gateway.Live;

/// <summary>Which Orleans stream a live endpoint watches: its namespace (the Kafka topic) and key.</summary>
/// <param name="Topic">The stream namespace, one of the <see cref="ClinicEventStreams"/> topics.</param>
/// <param name="Key">The stream key (the Kafka message key).</param>
public readonly record struct LiveStream(string Topic, string Key)
{
    /// <summary>A doctor's schedule events.</summary>
    public static LiveStream Doctor(string doctorId) => new(ClinicEventStreams.DoctorsTopic, doctorId);

    /// <summary>One patient's appointment events.</summary>
    public static LiveStream PatientAppointments(string patientId) => new(ClinicEventStreams.PatientAppointmentsTopic, patientId);

    /// <summary>Every event of the clinic, for the staff dashboard.</summary>
    public static LiveStream Clinic { get; } = new(ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey);

    /// <summary>The Orleans stream id.</summary>
    public StreamId Id => StreamId.Create(Topic, Key);

    /// <inheritdoc />
    public override string ToString() => Topic + "/" + Key;
}
