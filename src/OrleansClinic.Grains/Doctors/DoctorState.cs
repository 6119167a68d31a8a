using System.Text.Json.Serialization;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Doctors;

/// <summary>Persisted state of a <see cref="DoctorGrain"/>.</summary>
[GenerateSerializer]
public sealed class DoctorState : IOutboxState
{
    /// <summary>The profile, or null before the doctor is created.</summary>
    [Id(0)] public DoctorProfile? Profile { get; set; }

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}
