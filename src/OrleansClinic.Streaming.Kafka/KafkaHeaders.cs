namespace OrleansClinic.Streaming.Kafka;

/// <summary>Names of the Kafka message headers the provider writes and reads.</summary>
public static class KafkaHeaders
{
    /// <summary>
    /// <c>orleans-payload</c>: <c>1</c> when the value is an Orleans-serialized batch written by this provider; any
    /// other message is treated as an external event with a UTF-8 JSON value.
    /// </summary>
    public const string OrleansPayload = "orleans-payload";

    /// <summary><c>event-id</c>: the message's unique id, for consumers to deduplicate re-deliveries.</summary>
    public const string EventId = "event-id";

    /// <summary><c>event-type</c>: the kind of event (for Orleans batches, the first event's .NET type name).</summary>
    public const string EventType = "event-type";

    /// <summary><c>correlation-id</c>: the request's correlation id, when there is one.</summary>
    public const string CorrelationId = "correlation-id";

    /// <summary>
    /// <c>traceparent</c>: the W3C trace context of the span that sent the message (see <see cref="KafkaTraceContext"/>),
    /// so the receiving side's spans continue the sender's trace.
    /// </summary>
    public const string TraceParent = "traceparent";

    /// <summary><c>tracestate</c>: vendor trace state sent with <see cref="TraceParent"/>, when the sender had any.</summary>
    public const string TraceState = "tracestate";

    /// <summary>The Orleans <c>RequestContext</c> key that carries the correlation id inside the cluster.</summary>
    public const string CorrelationIdRequestContextKey = "clinic.correlation-id";
}
