using System.Text;
using System.Text.Json;

namespace OrleansClinic.Outbox.Tests;

public sealed class OutboxEnvelopeTests
{
    [Fact]
    public void The_envelope_embeds_the_payload_as_json_and_headers_carry_the_ids()
    {
        var id = Guid.Parse("0b7e6f4e-3c1a-4d8e-9a57-2f0d8c1e5a11");
        var row = new OutboxRow(7, id, "appointment.booked", "a-1", null, new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.FromHours(11)), """{"slot": {"start": "x"}, "n": 1}""");

        var message = OutboxEnvelope.ToMessage(row, "a-1");

        Assert.Equal("a-1", message.Key);
        Assert.Equal(
            """{"eventId":"0b7e6f4e-3c1a-4d8e-9a57-2f0d8c1e5a11","eventType":"appointment.booked","entityKey":"a-1","correlationId":null,"occurredAt":"2026-03-02T22:30:00.000000Z","payload":{"slot": {"start": "x"}, "n": 1}}""",
            Encoding.UTF8.GetString(message.Value));
        using var parsed = JsonDocument.Parse(message.Value);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.GetProperty("payload").ValueKind);
        Assert.Equal(id.ToString(), Encoding.UTF8.GetString(message.Headers.GetLastBytes("event-id")));
        Assert.Equal("appointment.booked", Encoding.UTF8.GetString(message.Headers.GetLastBytes("event-type")));
        Assert.False(message.Headers.TryGetLastBytes("correlation-id", out _));
    }
}
