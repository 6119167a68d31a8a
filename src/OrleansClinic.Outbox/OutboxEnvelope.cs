using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace OrleansClinic.Outbox;

/// <summary>The Kafka message an outbox row becomes: its JSON envelope as the value, its destination's key as the key, ids as headers.</summary>
public static class OutboxEnvelope
{
    /// <summary>Header carrying the event id (UUID text), by which consumers deduplicate re-deliveries.</summary>
    public const string EventIdHeader = "event-id";

    /// <summary>Header carrying the event type, such as <c>appointment.booked</c>.</summary>
    public const string EventTypeHeader = "event-type";

    /// <summary>Header carrying the correlation id of the request that caused the event; absent when the row has none.</summary>
    public const string CorrelationIdHeader = "correlation-id";

    /// <summary>
    /// Header carrying the W3C trace context of the message's send span (<c>traceparent</c>), so a consumer's span continues
    /// the trace of the request that raised the event; absent when nothing was traced.
    /// </summary>
    public const string TraceParentHeader = "traceparent";

    internal static Message<string, byte[]> ToMessage(OutboxRow row, string key, string? traceParent = null)
    {
        var headers = new Headers
        {
            { EventIdHeader, Encoding.UTF8.GetBytes(row.EventId.ToString("D")) },
            { EventTypeHeader, Encoding.UTF8.GetBytes(row.EventType) },
        };
        if (row.CorrelationId is not null)
        {
            headers.Add(CorrelationIdHeader, Encoding.UTF8.GetBytes(row.CorrelationId));
        }

        if (traceParent is not null)
        {
            headers.Add(TraceParentHeader, Encoding.UTF8.GetBytes(traceParent));
        }

        return new Message<string, byte[]> { Key = key, Value = Serialize(row), Headers = headers };
    }

    internal static byte[] Serialize(OutboxRow row)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + row.PayloadJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("eventId", row.EventId);
            writer.WriteString("eventType", row.EventType);
            writer.WriteString("entityKey", row.EntityKey);
            if (row.CorrelationId is null)
            {
                writer.WriteNull("correlationId");
            }
            else
            {
                writer.WriteString("correlationId", row.CorrelationId);
            }

            writer.WriteString("occurredAt", row.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("payload");

            // jsonb text is already valid JSON; embedding it raw keeps the payload an object, not a string.
            writer.WriteRawValue(row.PayloadJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
