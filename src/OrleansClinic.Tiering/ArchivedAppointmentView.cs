using NodaTime;

namespace OrleansClinic.Tiering;

/// <summary>An appointment read back from the archive: where and when it was, and the record as the clinic kept it.</summary>
[GenerateSerializer, Immutable]
public sealed record ArchivedAppointmentView(
    [property: Id(0)] string AppointmentId,
    [property: Id(1)] string? DoctorId,
    [property: Id(2)] Instant? Start,
    [property: Id(3)] Instant? End,
    [property: Id(4)] Instant ArchivedAt,
    [property: Id(5)] string Record);
