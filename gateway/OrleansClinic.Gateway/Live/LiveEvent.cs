using System.Buffers;
using System.Text;
using System.Text.Json;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Gateway.Live;

/// <summary>One event as SSE clients receive it: its id (the Kafka offset), the event id it is deduplicated by, its type and one-line JSON data.</summary>
/// <param name="Id">The SSE id: the Kafka offset, which only grows within one stream because one key lives in one partition.</param>
/// <param name="EventId">The producer's event id; empty when the producer sent none.</param>
/// <param name="Type">The event type, such as <c>slot.booked</c>.</param>
/// <param name="Data">The SSE data: <c>{"eventId","type","occurredAt","correlationId","entity"}</c> on one line.</param>
public sealed record LiveEvent(long Id, string EventId, string Type, string Data)
{
    private byte[]? frame;

    /// <summary>
    /// The SSE block as UTF-8, made on first use and shared by every connection that sends it: a stream watched by a
    /// hundred screens formats and encodes each event once, not a hundred times.
    /// </summary>
    internal ReadOnlyMemory<byte> Frame => frame ??= Encoding.UTF8.GetBytes(SseWriter.Event(this));

    /// <summary>Two events are equal when what a client receives is: the cached frame takes no part.</summary>
    public bool Equals(LiveEvent? other) =>
        other is not null && Id == other.Id && string.Equals(EventId, other.EventId, StringComparison.Ordinal)
        && string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Data, other.Data, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, EventId, Type, Data);

    /// <summary>
    /// Reads a Kafka event whose value is the outbox envelope; null when the value is not a JSON object or no type is
    /// known, since such an event cannot be shown to a client anyway.
    /// </summary>
    public static LiveEvent? From(KafkaExternalEvent source)
    {
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.Json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var envelope = document.RootElement;
            if (envelope.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // Headers win over the envelope: they are what the relay deduplicates and routes by.
            var eventId = NonEmpty(source.EventId) ?? Text(envelope, "eventId") ?? "";
            var type = NonEmpty(source.EventType) ?? Text(envelope, "eventType");
            if (type is null)
            {
                return null;
            }

            var buffer = new ArrayBufferWriter<byte>(source.Json.Length + 128);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("eventId", eventId);
                writer.WriteString("type", type);
                WriteText(writer, "occurredAt", Text(envelope, "occurredAt"));
                WriteText(writer, "correlationId", NonEmpty(source.CorrelationId) ?? Text(envelope, "correlationId"));
                writer.WritePropertyName("entity");

                // Re-writing the element (not its raw text) keeps the data on one line even when the payload was indented.
                if (envelope.TryGetProperty("payload", out var payload))
                {
                    payload.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteEndObject();
            }

            return new LiveEvent(source.Offset, eventId, type, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Text(JsonElement envelope, string name) =>
        envelope.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NonEmpty(value.GetString()) : null;

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
