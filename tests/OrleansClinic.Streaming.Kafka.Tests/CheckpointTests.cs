using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka.Tests;

/// <summary>
/// Offsets are committed only for delivered batches: a receiver that stops (a silo restart or crash) is replaced by
/// one that resumes right after the last delivered message, re-reading only the undelivered ones.
/// </summary>
public sealed class CheckpointTests(KafkaFixture fixture)
{
    [Fact]
    public async Task A_new_receiver_resumes_after_the_last_delivered_batch()
    {
        const string topic = "checkpoints";
        fixture.Kafka.CreateTopic(topic, 1);
        var options = new KafkaStreamOptions
        {
            BootstrapServers = fixture.Kafka.BootstrapServers,
            PartitionsPerTopic = 1,
            ConsumerGroupId = "checkpoint-tests",
        };
        options.Topics.Add(topic);
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var factory = new KafkaAdapterFactory("kafka", options, new SimpleQueueCacheOptions(), new StreamPullingAgentOptions(),
            services.GetRequiredService<Serializer>(), NullLoggerFactory.Instance);
        var adapter = await factory.CreateAdapter();
        var streamId = StreamId.Create(topic, "doctor-1");
        var queue = factory.GetStreamQueueMapper().GetQueueForStream(streamId);
        foreach (var i in Enumerable.Range(0, 6))
        {
            await adapter.QueueMessageBatchAsync(streamId, new[] { i }, null, null);
        }

        var first = adapter.CreateReceiver(queue);
        await first.Initialize(TimeSpan.FromSeconds(5));
        var read = await ReadAsync(first, 6);
        Assert.Equal(Enumerable.Range(0, 6), read.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));

        // Orleans reports the first three delivered; the silo then dies before the rest are.
        await first.MessagesDeliveredAsync(read.Take(3).ToList(), CancellationToken.None);
        await first.Shutdown(TimeSpan.FromSeconds(5));

        var second = adapter.CreateReceiver(queue);
        await second.Initialize(TimeSpan.FromSeconds(5));
        var reread = await ReadAsync(second, 3);
        await second.Shutdown(TimeSpan.FromSeconds(5));

        Assert.Equal([3, 4, 5], reread.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));
    }

    private static async Task<List<IBatchContainer>> ReadAsync(IQueueAdapterReceiver receiver, int count)
    {
        var batches = new List<IBatchContainer>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (batches.Count < count && DateTime.UtcNow < deadline)
        {
            batches.AddRange(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
            await Task.Delay(50);
        }

        // A short extra poll shows nothing beyond what is expected is pending.
        await Task.Delay(500);
        batches.AddRange(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        return batches;
    }
}
