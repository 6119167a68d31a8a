using System.Text.Json.Serialization;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Doctors;

/// <summary>Persisted state of the <see cref="DoctorDirectoryGrain"/>.</summary>
[GenerateSerializer]
public sealed class DoctorDirectoryState : IOutboxState
{
    /// <summary>Every doctor of the clinic by id.</summary>
    [Id(0)] public Dictionary<string, DoctorProfile> Doctors { get; set; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}
