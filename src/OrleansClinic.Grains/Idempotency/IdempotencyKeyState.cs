using System.Text.Json.Serialization;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Idempotency;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Idempotency;

/// <summary>Persisted state of an <see cref="IdempotencyKeyGrain"/>.</summary>
[GenerateSerializer]
public sealed class IdempotencyKeyState : IOutboxState
{
    /// <summary>Hash of the method, path and body first sent with the key.</summary>
    [Id(0)] public string? Fingerprint { get; set; }

    /// <summary>Id of the operation the key started (e.g. the appointment id); the same on every retry.</summary>
    [Id(1)] public string? OperationId { get; set; }

    /// <summary>When the current attempt claimed the key; null when no attempt is running.</summary>
    [Id(2)] public Instant? ClaimedAt { get; set; }

    /// <summary>The response to replay, once there is one.</summary>
    [Id(3)] public StoredResponse? Response { get; set; }

    /// <summary>When the key was first used.</summary>
    [Id(4)] public Instant? FirstUsedAt { get; set; }

    /// <inheritdoc />
    [JsonIgnore]
    [field: NonSerialized]
    public List<OutboxEvent> PendingEvents { get; } = [];
}
