using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka.Tests;

/// <summary>The consumer lag gauge: what a silo has read from a partition but not yet had delivered and committed.</summary>
public sealed class ConsumerLagTests(KafkaFixture fixture)
{
    [Fact]
    public async Task Lag_counts_messages_read_but_not_committed_and_falls_to_zero_once_delivered()
    {
        const string topic = "lagging";
        fixture.Kafka.CreateTopic(topic, 1);
        await using var services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var options = new KafkaStreamOptions { BootstrapServers = fixture.Kafka.BootstrapServers, PartitionsPerTopic = 1, ConsumerGroupId = "lag-tests" };
        options.Topics.Add(topic);
        var factory = new KafkaAdapterFactory("kafka", options, new SimpleQueueCacheOptions(), new StreamPullingAgentOptions(), services.GetRequiredService<Serializer>(),
            NullLoggerFactory.Instance, new KafkaMetrics(meters));
        var adapter = await factory.CreateAdapter();
        var streamId = StreamId.Create(topic, "k-1");
        foreach (var i in Enumerable.Range(0, 3))
        {
            await adapter.QueueMessageBatchAsync(streamId, new[] { i }, null, null);
        }

        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetQueueForStream(streamId));
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        var read = new List<IBatchContainer>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (read.Count < 3 && DateTime.UtcNow < deadline)
        {
            read.AddRange(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
            await Task.Delay(50);
        }

        Assert.Equal(3, read.Count);
        Assert.Equal(3, Lag(meters, topic));

        await receiver.MessagesDeliveredAsync(read, CancellationToken.None);
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Lag(meters, topic) != 0 && DateTime.UtcNow < deadline)
        {
            // The commit runs off the caller's thread; the next read publishes the new lag.
            await Task.Delay(50);
            await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        }

        Assert.Equal(0, Lag(meters, topic));
        await receiver.Shutdown(TimeSpan.FromSeconds(5));
        Assert.Null(Lag(meters, topic));
    }

    /// <summary>The gauge's value for <paramref name="topic"/> on this test's meters, or null when it reports none.</summary>
    private static long? Lag(IMeterFactory meters, string topic)
    {
        long? lag = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == KafkaMetrics.ConsumerLagName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.destination.name" && Equals(tag.Value, topic))
                {
                    lag = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return lag;
    }
}
