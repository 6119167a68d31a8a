using System.Diagnostics;
using Confluent.Kafka;

namespace OrleansClinic.Outbox;

/// <summary>
/// The relay's spans on the <c>OrleansClinic.Outbox</c> activity source: one producer span per message copy, a child of the
/// span that raised the event (its <see cref="OutboxRow.TraceParent"/>), so a booking's trace runs on through Kafka.
/// </summary>
public static class OutboxTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "OrleansClinic.Outbox";

    /// <summary>The span attribute carrying the request's correlation id, as on every span of the clinic.</summary>
    public const string CorrelationIdTag = "clinic.correlation_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of one copy of <paramref name="row"/> sent to <paramref name="topic"/>, without making it current:
    /// the relay sends a whole batch at once. Null when nobody listens.
    /// </summary>
    internal static Activity? StartSend(OutboxRow row, string topic)
    {
        var parent = ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var context) ? context : default;
        var current = Activity.Current;
        var span = Source.StartActivity($"send {topic}", ActivityKind.Producer, parent);
        Activity.Current = current;
        if (span is { IsAllDataRequested: true })
        {
            // Semantic conventions for messaging; the key (an entity id, a patient's on one topic) stays out.
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.destination.name", topic);
            span.SetTag("messaging.message.id", row.EventId.ToString("D"));
            span.SetTag("clinic.event_type", row.EventType);
            span.SetTag(CorrelationIdTag, row.CorrelationId);
        }

        return span;
    }

    /// <summary>The <c>traceparent</c> a message carries: its send span's, else the row's own so consumers still join the trace.</summary>
    internal static string? TraceParentFor(Activity? span, OutboxRow row) => span?.Id ?? row.TraceParent;

    /// <summary>Ends a send span with what the brokers answered, leaving the caller's current span as it was.</summary>
    internal static void EndSend(Activity? span, Task<DeliveryResult<string, byte[]>> delivery)
    {
        if (span is null)
        {
            return;
        }

        if (delivery.IsCompletedSuccessfully && delivery.Result.Status == PersistenceStatus.Persisted)
        {
            span.SetTag("messaging.destination.partition.id", delivery.Result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            span.SetTag("messaging.kafka.offset", delivery.Result.Offset.Value);
        }
        else
        {
            var error = delivery.Exception?.GetBaseException();
            span.SetStatus(ActivityStatusCode.Error, error?.Message ?? (delivery.IsCompletedSuccessfully ? $"not persisted ({delivery.Result.Status})" : "not acknowledged"));
            span.SetTag("error.type", error?.GetType().FullName ?? "not_persisted");
        }

        var current = Activity.Current;
        span.Stop();
        Activity.Current = current;
    }
}
