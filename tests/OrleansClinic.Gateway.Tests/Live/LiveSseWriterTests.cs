using System.Text.Json;
using OrleansClinic.Gateway.Live;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Gateway.Tests.Live;

public sealed class LiveSseWriterTests
{
    [Fact]
    public void An_event_has_its_id_type_and_data_and_ends_with_a_blank_line()
    {
        Assert.Equal("id: 42\nevent: slot.booked\ndata: {\"a\":1}\n\n", SseWriter.Event(42, "slot.booked", "{\"a\":1}"));
    }

    [Fact]
    public void An_event_without_an_id_has_no_id_field()
    {
        Assert.Equal("event: resync\ndata: {}\n\n", SseWriter.Event(null, "resync", "{}"));
    }

    [Fact]
    public void Each_line_of_data_gets_its_own_data_field_so_no_line_can_pose_as_another_field()
    {
        Assert.Equal(
            "id: 1\nevent: x\ndata: one\ndata: id: 99\ndata: three\ndata: \n\n",
            SseWriter.Event(1, "x", "one\r\nid: 99\rthree\n"));
    }

    [Fact]
    public void Line_breaks_are_removed_from_the_event_type()
    {
        Assert.Equal("event: slot.bookeddata: evil\ndata: {}\n\n", SseWriter.Event(null, "slot.booked\ndata: evil", "{}"));
    }

    [Fact]
    public void Retry_is_whole_milliseconds_and_a_comment_starts_with_a_colon()
    {
        Assert.Equal("retry: 3000\n\n", SseWriter.Retry(TimeSpan.FromSeconds(3)));
        Assert.Equal(": hb\n\n", SseWriter.Comment("hb"));
        Assert.Equal(": a\n: b\n\n", SseWriter.Comment("a\nb"));
    }

    [Fact]
    public void A_resync_carries_the_newest_id_and_a_reason()
    {
        Assert.Equal("id: 7\nevent: resync\ndata: {\"reason\":\"not-buffered\"}\n\n", SseWriter.Event(new LiveResync(7, LiveResync.NotBuffered)));
    }

    [Fact]
    public void An_outbox_envelope_becomes_one_line_of_data_with_the_payload_as_the_entity()
    {
        var json = """
            {"eventId":"e-1","eventType":"slot.booked","entityKey":"d-1","correlationId":"c-env",
             "occurredAt":"2026-03-01T09:00:00.000000Z",
             "payload": {
                "doctorId": "d-1",
                "note": "two\nlines"
             }}
            """;
        var live = LiveEvent.From(new KafkaExternalEvent("e-1", "slot.booked", "d-1", "c-1", json, "clinic.doctors", 0, 17))!;

        Assert.Equal(17, live.Id);
        Assert.Equal("slot.booked", live.Type);
        Assert.DoesNotContain('\n', live.Data);
        var data = JsonDocument.Parse(live.Data).RootElement;
        Assert.Equal("e-1", data.GetProperty("eventId").GetString());
        Assert.Equal("slot.booked", data.GetProperty("type").GetString());
        Assert.Equal("2026-03-01T09:00:00.000000Z", data.GetProperty("occurredAt").GetString());
        Assert.Equal("c-1", data.GetProperty("correlationId").GetString());
        Assert.Equal("two\nlines", data.GetProperty("entity").GetProperty("note").GetString());
    }

    [Fact]
    public void The_envelope_fills_in_missing_headers_and_a_value_that_is_not_an_envelope_is_skipped()
    {
        var json = """{"eventId":"e-2","eventType":"doctor.status","correlationId":null,"occurredAt":"2026-03-01T09:00:00Z","payload":{}}""";
        var live = LiveEvent.From(new KafkaExternalEvent("", "", "d-1", null, json, "clinic.doctors", 0, 3))!;
        Assert.Equal(("e-2", "doctor.status"), (live.EventId, live.Type));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(live.Data).RootElement.GetProperty("correlationId").ValueKind);

        Assert.Null(LiveEvent.From(new KafkaExternalEvent("e-3", "x", "d-1", null, "not json", "clinic.doctors", 0, 4)));
        Assert.Null(LiveEvent.From(new KafkaExternalEvent("e-3", "x", "d-1", null, "[1]", "clinic.doctors", 0, 4)));
    }
}
