using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Outbox.Tests;

/// <summary>
/// The trace of the request that raised an event survives the outbox: the grain storage keeps its <c>traceparent</c> in
/// the row, the relay's send span is that span's child, and the message's headers carry the send span to consumers.
/// </summary>
public sealed class OutboxTracingTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_send_span_is_a_child_of_the_span_that_raised_the_event_and_the_headers_carry_it_on()
    {
        var raisedBy = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans, raisedBy.TraceId);
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_traced");
        var db = harness.Database;
        var eventId = await db.InsertEventAsync(
            "appointment.booked", "a-traced", $$"""{"appointmentId": "a-traced", "patientId": "p-traced", "{{OutboxEvent.TraceParentPayloadMember}}": "{{Id(raisedBy)}}"}""");

        var relay = harness.NewRelay();
        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "the row is marked sent");

        // appointment.* goes to three topics: three copies, each with a send span of its own.
        var copies = harness.ReadAll(1).Concat(harness.ReadFanOut(2)).ToList();
        Assert.Equal(3, copies.Count);
        Assert.Equal(3, spans.Count);
        foreach (var copy in copies)
        {
            var sent = ActivityContext.Parse(TopicReader.Header(copy, OutboxEnvelope.TraceParentHeader), null);
            var span = Assert.Single(spans, s => s.SpanId == sent.SpanId);
            Assert.Equal(raisedBy.TraceId, span.TraceId);
            Assert.Equal(raisedBy.SpanId, span.ParentSpanId);
            Assert.Equal(ActivityKind.Producer, span.Kind);
            Assert.Equal(copy.Topic, span.GetTagItem("messaging.destination.name"));
            Assert.Equal(eventId.ToString("D"), span.GetTagItem("messaging.message.id"));
            Assert.Equal("corr-1", span.GetTagItem(OutboxTracing.CorrelationIdTag));
            Assert.Equal(copy.Offset.Value, span.GetTagItem("messaging.kafka.offset"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);

            // The trace context is for tracing only: consumers get the event as it was raised.
            using var envelope = JsonDocument.Parse(copy.Message.Value);
            Assert.False(envelope.RootElement.GetProperty("payload").TryGetProperty(OutboxEvent.TraceParentPayloadMember, out _));
            Assert.Equal("p-traced", envelope.RootElement.GetProperty("payload").GetProperty("patientId").GetString());
        }
    }

    [Fact]
    public async Task A_row_raised_outside_any_trace_is_published_without_trace_headers_while_nobody_listens()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_untraced");
        var db = harness.Database;
        await db.InsertEventAsync("slot.held", "d-untraced", """{"doctorId": "d-untraced"}""");

        var relay = harness.NewRelay();
        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "the row is marked sent");

        var copy = Assert.Single(harness.ReadAll(1));
        Assert.False(copy.Message.Headers.TryGetLastBytes(OutboxEnvelope.TraceParentHeader, out _));
        Assert.Equal("""{"doctorId": "d-untraced"}""", JsonDocument.Parse(copy.Message.Value).RootElement.GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task The_store_reads_the_trace_context_apart_and_leaves_payloads_that_are_not_objects_untouched()
    {
        await using var db = await OutboxDatabase.CreateAsync(postgres, "store_trace");
        await db.InsertEventAsync("x.object", "k-1", $$"""{"n": 1, "{{OutboxEvent.TraceParentPayloadMember}}": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}""");
        await db.InsertEventAsync("x.array", "k-2", $$"""["{{OutboxEvent.TraceParentPayloadMember}}", 2]""");
        var store = new PostgresOutboxStore(db.DataSource, "lease");

        var rows = await store.ReadUnsentAsync(10, Cancel);

        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", rows[0].TraceParent);
        Assert.Equal("""{"n": 1}""", rows[0].PayloadJson);
        Assert.Null(rows[1].TraceParent);
        Assert.Equal($$"""["{{OutboxEvent.TraceParentPayloadMember}}", 2]""", rows[1].PayloadJson);
    }

    private static string Id(ActivityContext context) => $"00-{context.TraceId}-{context.SpanId}-01";

    /// <summary>Records the outbox's spans of one trace (other tests' relays run meanwhile).</summary>
    private static ActivityListener Listen(ConcurrentQueue<Activity> spans, ActivityTraceId traceId)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OutboxTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == traceId)
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
