using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka.Tests;

/// <summary>
/// W3C trace context through Kafka headers: what the sender injects the receiver extracts, so the receipt's span is a child
/// of the send span, and an external event hands its consumers the context to continue.
/// </summary>
public sealed class TraceContextTests(KafkaFixture fixture)
{
    private const string RequestSourceName = "OrleansClinic.Streaming.Kafka.Tests.Request";

    private static readonly ActivitySource Request = new(RequestSourceName);

    [Fact]
    public void Headers_carry_a_spans_context_and_tracestate_and_give_them_back()
    {
        using var span = new Activity("booking").SetIdFormat(ActivityIdFormat.W3C).Start();
        span.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        span.TraceStateString = "dd=s:1";
        var headers = new Headers { { KafkaHeaders.TraceParent, Encoding.UTF8.GetBytes("00-11111111111111111111111111111111-2222222222222222-01") } };

        KafkaTraceContext.Inject(headers, span);

        Assert.Single(headers, h => h.Key == KafkaHeaders.TraceParent);
        Assert.True(KafkaTraceContext.TryExtract(headers, out var context));
        Assert.Equal((span.TraceId, span.SpanId, ActivityTraceFlags.Recorded, "dd=s:1", true), (context.TraceId, context.SpanId, context.TraceFlags, context.TraceState, context.IsRemote));
    }

    [Fact]
    public void Missing_or_malformed_headers_give_no_context_and_no_span_writes_nothing()
    {
        var headers = new Headers();
        KafkaTraceContext.Inject(headers, null);
        Assert.Empty(headers);
        Assert.False(KafkaTraceContext.TryExtract(headers, out _));
        Assert.False(KafkaTraceContext.TryExtract(null, out _));

        headers.Add(KafkaHeaders.TraceParent, Encoding.UTF8.GetBytes("not-a-traceparent"));
        Assert.False(KafkaTraceContext.TryExtract(headers, out _));
    }

    [Fact]
    public async Task An_orleans_event_received_from_kafka_continues_the_trace_it_was_sent_in()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        var (adapter, receiver, streamId) = await Open("traced-orleans");

        ActivityTraceId trace;
        ActivitySpanId requestSpan;
        using (var request = Request.StartActivity("book", ActivityKind.Server)!)
        {
            (trace, requestSpan) = (request.TraceId, request.SpanId);
            await adapter.QueueMessageBatchAsync(streamId, new[] { 7 }, null, new Dictionary<string, object> { [KafkaHeaders.CorrelationIdRequestContextKey] = "corr-traced" });
        }

        Assert.Single(await Read(receiver, 1));
        await receiver.Shutdown(TimeSpan.FromSeconds(5));

        var sent = Assert.Single(spans, s => s.TraceId == trace && s.Kind == ActivityKind.Producer);
        var received = Assert.Single(spans, s => s.TraceId == trace && s.Kind == ActivityKind.Consumer);
        Assert.Equal(requestSpan, sent.ParentSpanId);
        Assert.Equal(sent.SpanId, received.ParentSpanId);
        Assert.All([sent, received], s => Assert.Equal("corr-traced", s.GetTagItem(KafkaTracing.CorrelationIdTag)));
        Assert.Equal("traced-orleans", received.GetTagItem("messaging.destination.name"));
    }

    [Fact]
    public async Task An_external_event_hands_its_consumers_the_receipts_context_and_the_senders_when_nobody_traces_the_receipt()
    {
        var (_, receiver, _) = await Open("traced-external");
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = fixture.Kafka.BootstrapServers }).Build();
        const string SentBy = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var headers = new Headers
        {
            { KafkaHeaders.EventId, Encoding.UTF8.GetBytes("evt-traced") },
            { KafkaHeaders.CorrelationId, Encoding.UTF8.GetBytes("corr-ext") },
            { KafkaHeaders.TraceParent, Encoding.UTF8.GetBytes(SentBy) },
        };
        await producer.ProduceAsync(new TopicPartition("traced-external", 0), new Message<string, string> { Key = "k-1", Value = "{}", Headers = headers });
        await producer.ProduceAsync(new TopicPartition("traced-external", 0), new Message<string, string> { Key = "k-1", Value = "{}", Headers = headers });

        // The first while nobody listens: consumers continue the sender's span itself.
        var untraced = Assert.Single(await Read(receiver, 1));
        Assert.Equal(SentBy, Assert.IsType<KafkaExternalEvent>(Assert.Single(untraced.GetEvents<object>()).Item1).TraceParent);

        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        var traced = Assert.Single(await Read(receiver, 1));
        await receiver.Shutdown(TimeSpan.FromSeconds(5));

        var evt = Assert.IsType<KafkaExternalEvent>(Assert.Single(traced.GetEvents<object>()).Item1);
        var receipt = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer && s.TraceId == ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736"));
        Assert.Equal(receipt.Id, evt.TraceParent);
        Assert.Equal(ActivitySpanId.CreateFromString("00f067aa0ba902b7"), receipt.ParentSpanId);
        Assert.Equal("corr-ext", receipt.GetTagItem(KafkaTracing.CorrelationIdTag));
        Assert.Equal("evt-traced", receipt.GetTagItem("messaging.message.id"));
    }

    private async Task<(IQueueAdapter Adapter, IQueueAdapterReceiver Receiver, StreamId Stream)> Open(string topic)
    {
        fixture.Kafka.CreateTopic(topic, 1);
        var options = new KafkaStreamOptions { BootstrapServers = fixture.Kafka.BootstrapServers, PartitionsPerTopic = 1, ConsumerGroupId = "trace-tests-" + topic };
        options.Topics.Add(topic);
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var factory = new KafkaAdapterFactory("kafka", options, new SimpleQueueCacheOptions(), new StreamPullingAgentOptions(), services.GetRequiredService<Serializer>(), NullLoggerFactory.Instance);
        var adapter = await factory.CreateAdapter();
        var streamId = StreamId.Create(topic, "k-1");
        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetQueueForStream(streamId));
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        return (adapter, receiver, streamId);
    }

    private static async Task<List<IBatchContainer>> Read(IQueueAdapterReceiver receiver, int count)
    {
        var batches = new List<IBatchContainer>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (batches.Count < count && DateTime.UtcNow < deadline)
        {
            batches.AddRange(await receiver.GetQueueMessagesAsync(count - batches.Count, CancellationToken.None));
            await Task.Delay(50);
        }

        return batches;
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            // By name, not by reference: the first test to listen may be what creates the source, and a listener asked
            // about a source still being constructed would see its static field unset and never listen to it.
            ShouldListenTo = source => source.Name is KafkaTracing.SourceName or RequestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
