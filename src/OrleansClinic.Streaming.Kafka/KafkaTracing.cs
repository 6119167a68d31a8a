using System.Diagnostics;
using System.Globalization;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// The provider's spans on the <c>OrleansClinic.Streaming.Kafka</c> activity source: a producer span per message it
/// writes and a consumer span per message it reads, the latter a child of the sender's span (from the headers).
/// </summary>
public static class KafkaTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "OrleansClinic.Streaming.Kafka";

    /// <summary>The span attribute carrying the request's correlation id, as on every span of the clinic.</summary>
    public const string CorrelationIdTag = "clinic.correlation_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of a message sent to <paramref name="topic"/>, a child of the current span; null when nobody listens.</summary>
    internal static Activity? StartSend(string topic, int partition, string? correlationId)
    {
        var span = Source.StartActivity($"send {topic}", ActivityKind.Producer);
        if (span is { IsAllDataRequested: true })
        {
            Describe(span, "send", topic, partition, correlationId);
        }

        return span;
    }

    /// <summary>
    /// Records the receipt of the message at <paramref name="offset"/> as a consumer span, child of <paramref name="sender"/>;
    /// the span ends at once (what consumers do with the message are spans of their own, children of this one) and the
    /// caller's current span is left as it was. Null when nobody listens.
    /// </summary>
    internal static Activity? Received(ActivityContext sender, string topic, int partition, long offset, string? correlationId, string? eventId)
    {
        var current = Activity.Current;
        var span = Source.StartActivity($"receive {topic}", ActivityKind.Consumer, sender);
        if (span is null)
        {
            Activity.Current = current;
            return null;
        }

        if (span.IsAllDataRequested)
        {
            Describe(span, "receive", topic, partition, correlationId);
            span.SetTag("messaging.kafka.offset", offset);
            if (eventId is { Length: > 0 })
            {
                span.SetTag("messaging.message.id", eventId);
            }
        }

        span.Stop();
        Activity.Current = current;
        return span;
    }

    private static void Describe(Activity span, string operation, string topic, int partition, string? correlationId)
    {
        // Semantic conventions for messaging; message keys (entity ids, a patient's on one topic) stay out.
        span.SetTag("messaging.system", "kafka");
        span.SetTag("messaging.operation.type", operation);
        span.SetTag("messaging.destination.name", topic);
        span.SetTag("messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture));
        if (correlationId is { Length: > 0 })
        {
            span.SetTag(CorrelationIdTag, correlationId);
        }
    }
}
