using System.Diagnostics;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Notifications;

/// <summary>
/// The notices' spans on the <c>OrleansClinic.Notifications</c> activity source: acting on one appointment event, a child
/// of its receipt from Kafka; the ledger's and providers' calls made meanwhile are its children.
/// </summary>
public static class NotificationTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "OrleansClinic.Notifications";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts (and makes current) the span of handling <paramref name="e"/>; null when nobody listens.</summary>
    internal static Activity? StartProcessing(KafkaExternalEvent e)
    {
        var parent = ActivityContext.TryParse(e.TraceParent, null, isRemote: true, out var received) ? received : default;
        var span = Source.StartActivity($"process {e.Topic}", ActivityKind.Consumer, parent);
        if (span is { IsAllDataRequested: true })
        {
            // The stream key is the patient's id: it stays out.
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.destination.name", e.Topic);
            span.SetTag("messaging.message.id", e.EventId);
            span.SetTag("clinic.event_type", e.EventType);
            span.SetTag(KafkaTracing.CorrelationIdTag, e.CorrelationId);
        }

        return span;
    }
}
