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

    [Theory]
    [InlineData(25, false)]
    [InlineData(1, true)]
    public void A_batch_being_delivered_is_held_until_the_agent_asks_for_the_next_one(int deliveryBatchSize, bool releasedEarly)
    {
        // A small cache, so a batch spans purge buckets (a tenth of the cache each) and only a pin can hold its start.
        var cache = NewCache(TimeSpan.Zero, new ManualClock(), cacheSize: 100, deliveryBatchSize);
        cache.AddToCache(Batches([.. Enumerable.Range(0, 60).Select(i => (long)i)]));
        using var cursor = cache.TryGetCacheCursor(Clinic, new EventSequenceTokenV2(0)).Cursor!;

        // As the pulling agent gathers a batch of 25: every move first, then one delivery call.
        var batch = Enumerable.Range(0, 25).Select(move => Moved(cursor) ? ((KafkaBatchContainer)cursor.GetCurrent(out _)!).Offset : -1).ToList();
        var purgedDuringDelivery = cache.TryPurgeFromCache(out var during) ? during.Cast<KafkaBatchContainer>().Select(b => b.Offset).ToList() : [];

        // Delivered: the next batch is asked for, and what the first one read can be released.
        Assert.True(Moved(cursor));
        var purgedAfter = cache.TryPurgeFromCache(out var after) ? after.Cast<KafkaBatchContainer>().Select(b => b.Offset).ToList() : [];

        Assert.Equal([.. Enumerable.Range(0, 25).Select(i => (long)i)], batch);
        Assert.Equal(releasedEarly, purgedDuringDelivery.Contains(0));
        Assert.Contains(0L, purgedDuringDelivery.Concat(purgedAfter));
        Assert.DoesNotContain(25L, purgedDuringDelivery.Concat(purgedAfter));
    }

    private static IQueueCache NewCache(TimeSpan retention, TimeProvider clock, int cacheSize = 4096, int deliveryBatchSize = 1) =>
        new KafkaQueueAdapterCache(cacheSize, retention, deliveryBatchSize, clock, "kafka", NullLoggerFactory.Instance).CreateQueueCache(QueueId.GetQueueId("clinic.all", 0, 0));

    private static List<IBatchContainer> Batches(params long[] offsets) =>
        [.. offsets.Select(o => new KafkaBatchContainer(Clinic, [o], null) { Offset = o })];

    private static bool Moved(IQueueCacheCursor cursor) => cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

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
