using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Patients;

/// <summary>Persisted state of a <see cref="PatientConsentGrain"/>: the decisions, oldest first; entries are only ever added.</summary>
[GenerateSerializer]
public sealed class PatientConsentState : IOutboxState
{
    /// <summary>Every decision, oldest first.</summary>
    [Id(0)] public List<ConsentEntry> History { get; set; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}

/// <summary>One stored decision; the purpose by its API name so stored rows read the same whatever the enum's order.</summary>
[GenerateSerializer]
public sealed class ConsentEntry
{
    /// <summary>The purpose's API name.</summary>
    [Id(0)] public string Purpose { get; set; } = "";

    /// <summary>True for a grant.</summary>
    [Id(1)] public bool Granted { get; set; }

    /// <summary>The privacy-policy version shown.</summary>
    [Id(2)] public int PolicyVersion { get; set; }

    /// <summary>When it was recorded.</summary>
    [Id(3)] public Instant At { get; set; }

    /// <summary>Who recorded it.</summary>
    [Id(4)] public string Actor { get; set; } = "";
}
