using System.Diagnostics;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Gateway.Live;

/// <summary>
/// The live updates' spans on the <c>OrleansClinic.Gateway.Live</c> activity source: handing one event to a stream's SSE
/// connections, a child of the event's receipt from Kafka, so a booking's trace ends at the screens it reached.
/// </summary>
public static class LiveTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "OrleansClinic.Gateway.Live";

    /// <summary>The span attribute carrying the request's correlation id, as on every span of the clinic.</summary>
    public const string CorrelationIdTag = "clinic.correlation_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Records handing <paramref name="item"/> to <paramref name="connections"/> connections of <paramref name="stream"/>;
    /// the caller's current span is left as it was.
    /// </summary>
    internal static void Delivered(LiveStream stream, KafkaExternalEvent item, int connections, bool repeat)
    {
        var parent = ActivityContext.TryParse(item.TraceParent, null, isRemote: true, out var received) ? received : default;
        var current = Activity.Current;
        var span = Source.StartActivity($"deliver {stream.Topic}", ActivityKind.Consumer, parent);
        if (span is null)
        {
            Activity.Current = current;
            return;
        }

        if (span.IsAllDataRequested)
        {
            // The stream key (a doctor's or patient's id) stays out, as it does of the live metrics.
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.destination.name", stream.Topic);
            span.SetTag("messaging.kafka.offset", item.Offset);
            span.SetTag("clinic.event_type", item.EventType);
            span.SetTag("clinic.live.connections", connections);
            span.SetTag("clinic.live.repeat", repeat);
            if (item.CorrelationId is { Length: > 0 } correlationId)
            {
                span.SetTag(CorrelationIdTag, correlationId);
            }
        }

        span.Stop();
        Activity.Current = current;
    }
}
