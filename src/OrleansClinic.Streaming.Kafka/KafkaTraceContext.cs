using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// W3C trace context in Kafka message headers (<c>traceparent</c>, <c>tracestate</c>): written by whoever sends, read by
/// the receiver, so a trace runs from the request that caused an event to every consumer of it.
/// </summary>
public static class KafkaTraceContext
{
    /// <summary>Writes <paramref name="span"/>'s context into <paramref name="headers"/>, replacing any there; nothing when null.</summary>
    public static void Inject(Headers headers, Activity? span)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (span is not { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
        {
            return;
        }

        headers.Remove(KafkaHeaders.TraceParent);
        headers.Remove(KafkaHeaders.TraceState);
        headers.Add(KafkaHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        if (span.TraceStateString is { Length: > 0 } traceState)
        {
            headers.Add(KafkaHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
        }
    }

    /// <summary>The remote context <paramref name="headers"/> carry; false when they carry none or a malformed one.</summary>
    public static bool TryExtract(Headers? headers, out ActivityContext context)
    {
        context = default;
        return headers is not null
            && headers.TryGetLastBytes(KafkaHeaders.TraceParent, out var traceParent)
            && ActivityContext.TryParse(
                Encoding.UTF8.GetString(traceParent),
                headers.TryGetLastBytes(KafkaHeaders.TraceState, out var traceState) ? Encoding.UTF8.GetString(traceState) : null,
                isRemote: true,
                out context);
    }
}
