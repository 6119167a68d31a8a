using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using OrleansClinic.Grains.Abstractions;
using OrleansClinic.Grains.Abstractions.Storage;

namespace OrleansClinic.Grains.Events;

/// <summary>Builds outbox events stamped with the current request's correlation id, actor and trace context.</summary>
internal static class ClinicEventFactory
{
    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>An event of <paramref name="type"/> about <paramref name="entityKey"/>; the payload must hold ids only, never PII.</summary>
    public static OutboxEvent Create<TPayload>(string type, string entityKey, Instant now, TPayload payload) =>
        new(Guid.CreateVersion7(), type, entityKey, ClinicRequestContext.CorrelationId, now, JsonSerializer.Serialize(payload, PayloadOptions),
            ClinicRequestContext.Actor, ClinicRequestContext.ActorRole, TraceParent());

    // The grain call's span (Orleans' activity propagation) is current here: the relay's publish span becomes its child.
    private static string? TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null;
}
