using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Patients;

/// <summary>Persisted state of a <see cref="PatientGrain"/>: registration and the appointment index, no PII.</summary>
[GenerateSerializer]
public sealed class PatientState : IOutboxState
{
    /// <summary>When the patient registered; null while unregistered.</summary>
    [Id(0)] public Instant? RegisteredAt { get; set; }

    /// <summary>The patient's appointments and the intervals they occupy.</summary>
    [Id(1)] public List<PatientAppointment> Appointments { get; set; } = [];

    /// <summary>When the patient first asked for erasure; null if never.</summary>
    [Id(2)] public Instant? ErasureRequestedAt { get; set; }

    /// <summary>When nothing personal was left (the vault record shredded); null until then.</summary>
    [Id(3)] public Instant? ErasedAt { get; set; }

    /// <summary>The day the kept health record becomes erasable, for the retention job; null when none is kept.</summary>
    [Id(4)] public LocalDate? RestErasedOn { get; set; }

    /// <summary>The day a kept record next needs a retention review: the date of birth is not read again before it.</summary>
    [Id(5)] public LocalDate? RetainedUntil { get; set; }

    /// <summary>When retention ended and the record was destroyed; the id stays as an empty tombstone.</summary>
    [Id(6)] public Instant? DestroyedAt { get; set; }

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}

/// <summary>One appointment in a patient's calendar.</summary>
[GenerateSerializer]
public sealed class PatientAppointment
{
    /// <summary>The appointment id.</summary>
    [Id(0)] public string AppointmentId { get; set; } = "";

    /// <summary>Start of its slot.</summary>
    [Id(1)] public Instant Start { get; set; }

    /// <summary>End of its slot (exclusive).</summary>
    [Id(2)] public Instant End { get; set; }

    /// <summary>False once the appointment gave its slot up (cancelled); kept so the patient still sees it listed.</summary>
    [Id(3)] public bool Active { get; set; } = true;
}
