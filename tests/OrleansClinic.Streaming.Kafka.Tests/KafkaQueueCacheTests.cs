using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka.Tests;

/// <summary>
/// The partition cache keeps messages long enough for a subscription that is still being registered, and a cursor whose
/// position has left the cache resumes instead of failing every later read of the partition.
/// </summary>
public sealed class KafkaQueueCacheTests
{
    private static readonly StreamId Clinic = StreamId.Create("clinic.all", "clinic");
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(5);

    [Fact]
    public void Messages_no_consumer_holds_stay_for_the_retention_and_are_released_for_checkpointing_after_it()
    {
        var clock = new ManualClock();
        var cache = NewCache(Retention, clock);
        cache.AddToCache(Batches(0, 1, 2));

        clock.Advance(TimeSpan.FromSeconds(4));
        var purgedEarly = cache.TryPurgeFromCache(out var early) ? early.Count : 0;
        using var late = cache.TryGetCacheCursor(Clinic, new EventSequenceTokenV2(0)).Cursor!;

        Assert.Equal(0, purgedEarly);
        Assert.Equal([0L, 1L, 2L], Drain(late));

        late.Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([0L, 1L, 2L], purged.Cast<KafkaBatchContainer>().Select(b => b.Offset).Order());
    }

    [Fact]
    public void A_cursor_whose_messages_left_the_cache_resumes_at_the_messages_that_woke_it()
    {
        var cache = NewCache(TimeSpan.Zero, new ManualClock());

        // As the pulling agent does for a subscriber registered while the cache was empty: a cursor waiting for offset 10.
        using var cursor = cache.TryGetCacheCursor(Clinic, new EventSequenceTokenV2(10)).Cursor!;
        cache.AddToCache(Batches(10, 11, 12, 13));
        Assert.True(cache.TryPurgeFromCache(out _));
        cache.AddToCache(Batches(14));

        cursor.Refresh(new EventSequenceTokenV2(14));

        Assert.Equal([14L], Drain(cursor));
    }

    private static IQueueCache NewCache(TimeSpan retention, TimeProvider clock) =>
        new KafkaQueueAdapterCache(4096, retention, clock, "kafka", NullLoggerFactory.Instance).CreateQueueCache(QueueId.GetQueueId("clinic.all", 0, 0));

    private static List<IBatchContainer> Batches(params long[] offsets) =>
        [.. offsets.Select(o => new KafkaBatchContainer(Clinic, [o], null) { Offset = o })];

    private static List<long> Drain(IQueueCacheCursor cursor)
    {
        var offsets = new List<long>();
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            offsets.Add(((KafkaBatchContainer)cursor.GetCurrent(out _)!).Offset);
        }

        return offsets;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
