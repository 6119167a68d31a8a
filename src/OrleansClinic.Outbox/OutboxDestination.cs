using System.Text.Json;

namespace OrleansClinic.Outbox;

/// <summary>
/// One topic an event is published to and how its message key is chosen: the event's entity key (the default), a string
/// property of its payload (an appointment's <c>patientId</c>, for a per-patient stream), or one fixed key (a single
/// clinic-wide stream). Every key is a function of the entity, so per-entity order holds in every destination.
/// </summary>
/// <param name="Topic">The Kafka topic.</param>
/// <param name="KeyFromPayload">Top-level payload property whose string value is the key; null for the entity key.</param>
/// <param name="FixedKey">The key of every message, when set.</param>
public sealed record OutboxDestination(string Topic, string? KeyFromPayload = null, string? FixedKey = null)
{
    /// <summary>Publish to <paramref name="topic"/> keyed by the event's entity key.</summary>
    public static OutboxDestination ByEntity(string topic) => new(topic);

    /// <summary>Publish to <paramref name="topic"/> keyed by the payload's <paramref name="property"/>.</summary>
    public static OutboxDestination ByPayload(string topic, string property) => new(topic, KeyFromPayload: property);

    /// <summary>Publish to <paramref name="topic"/>, every message under <paramref name="key"/>.</summary>
    public static OutboxDestination Fixed(string topic, string key) => new(topic, FixedKey: key);

    /// <summary>The message key of <paramref name="row"/> here; null when the payload lacks the property (nothing to publish).</summary>
    public string? KeyFor(OutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (FixedKey is not null)
        {
            return FixedKey;
        }

        if (KeyFromPayload is null)
        {
            return row.EntityKey;
        }

        using var payload = JsonDocument.Parse(row.PayloadJson);
        return payload.RootElement.ValueKind == JsonValueKind.Object
            && payload.RootElement.TryGetProperty(KeyFromPayload, out var value)
            && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } key
                ? key
                : null;
    }
}
