using System.Text.Json.Serialization;
using OrleansClinic.Grains.Abstractions.Staff;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Staff;

/// <summary>Persisted state of the <see cref="StaffDirectoryGrain"/>: ids and roles only, never a name or contact detail.</summary>
[GenerateSerializer]
public sealed class StaffDirectoryState : IOutboxState
{
    /// <summary>Every staff member of the clinic by id.</summary>
    [Id(0)] public Dictionary<string, StaffSummary> Members { get; set; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}
