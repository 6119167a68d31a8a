using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// The per-partition cache: Orleans' <see cref="SimpleQueueCache"/> that keeps every message for at least
/// <c>retention</c>, and whose cursors recover from a cache miss instead of failing every later read.
/// </summary>
/// <remarks>
/// <see cref="SimpleQueueCache"/> drops a message as soon as no cursor points at or before it. A consumer whose
/// subscription is still being registered has no cursor yet, so the messages it is waiting for could be dropped before
/// its cursor was made, and refreshing that cursor then threw on every read of the partition: the subscriber never got
/// another event. Holding messages for a short time closes that window; the recovering cursor covers a registration
/// slower than the retention, at the price of the messages it missed (logged).
/// <para>
/// The pulling agent may hand a consumer up to <c>deliveryBatchSize</c> messages in one call
/// (<see cref="Orleans.Configuration.StreamPullingAgentOptions.BatchContainerBatchSize"/>). It gathers them by moving the consumer's cursor
/// over all of them first, so only the last would be held while the call is under way, and a purge could commit the
/// offsets of the others before they were delivered. Each cursor therefore pins the first message of the batch it is
/// gathering until the agent asks for the next batch, which it does only once the call is over. (Orleans' own cursor
/// does the same through an internal interface that a wrapping cursor cannot offer.)
/// </para>
/// </remarks>
internal sealed partial class KafkaQueueCache : SimpleQueueCache
{
    /// <summary>The stream of the cursor that holds retained messages; no message is ever sent to it.</summary>
    private static readonly StreamId HoldStream = StreamId.Create("orleansclinic.kafka-cache", "hold");

    private readonly TimeSpan retention;
    private readonly int deliveryBatchSize;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Queue<(StreamSequenceToken Token, long AddedAt)> arrivals = new();
    private IQueueCacheCursor? hold;
    private StreamSequenceToken? holding;

    public KafkaQueueCache(int cacheSize, TimeSpan retention, int deliveryBatchSize, TimeProvider clock, ILogger logger)
        : base(cacheSize, logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deliveryBatchSize);
        this.retention = retention;
        this.deliveryBatchSize = deliveryBatchSize;
        this.clock = clock;
        this.logger = logger;
    }

    /// <inheritdoc />
    public override void AddToCache(IList<IBatchContainer> msgs)
    {
        base.AddToCache(msgs);
        if (retention <= TimeSpan.Zero)
        {
            return;
        }

        var now = clock.GetTimestamp();
        foreach (var message in msgs)
        {
            arrivals.Enqueue((message.SequenceToken, now));
        }

        MoveHold();
    }

    /// <inheritdoc />
    public override bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        var now = clock.GetTimestamp();
        while (arrivals.TryPeek(out var oldest) && clock.GetElapsedTime(oldest.AddedAt, now) >= retention)
        {
            arrivals.Dequeue();
        }

        MoveHold();
        return base.TryPurgeFromCache(out purgedItems);
    }

#pragma warning disable CS0618, CS0672 // SimpleQueueCache offers only this cursor API; IQueueCache's TryGetCacheCursor calls it
    /// <inheritdoc />
    public override IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        new RecoveringCursor(this, streamId, base.GetCacheCursor(streamId, token));

    /// <summary>Puts the hold cursor on the oldest message still inside the retention, or removes it when there is none.</summary>
    private void MoveHold()
    {
        if (!arrivals.TryPeek(out var oldest))
        {
            hold?.Dispose();
            (hold, holding) = (null, null);
            return;
        }

        if (holding is not null && holding.Equals(oldest.Token))
        {
            return;
        }

        // The new hold is placed before the old one is released, so the messages between them are never unheld.
        var previous = hold;
        hold = base.GetCacheCursor(HoldStream, oldest.Token);
        holding = oldest.Token;
        previous?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A consumer of stream {StreamId} asked for messages from {Requested} that had left the cache; it resumes at {ResumedAt}")]
    private static partial void LogResumedAfterMiss(ILogger logger, StreamId streamId, string? requested, StreamSequenceToken resumedAt);

    /// <summary>
    /// A cache cursor that, when its position has left the cache, starts again at the messages that woke it, and that
    /// holds the batch it is handing out until the next one is asked for.
    /// </summary>
    private sealed class RecoveringCursor(KafkaQueueCache cache, StreamId streamId, IQueueCacheCursor first) : IQueueCacheCursor
    {
        private IQueueCacheCursor inner = first;
        private IQueueCacheCursor? pin;
        private int gathered;

        public IBatchContainer? GetCurrent(out Exception? exception) => inner.GetCurrent(out exception);

        public bool MoveNext()
        {
            BeforeMove();
            return AfterMove(inner.MoveNext());
        }

        public QueueCacheCursorMoveResult MoveNextWithResult()
        {
            BeforeMove();
            var result = inner.MoveNextWithResult();
            AfterMove(result.Kind == QueueCacheCursorMoveResultKind.Success);
            return result;
        }

        public void Refresh(StreamSequenceToken token)
        {
            try
            {
                inner.Refresh(token);
            }
            catch (QueueCacheMissException miss)
            {
                inner.Dispose();
                inner = cache.BaseCursor(streamId, token);
                LogResumedAfterMiss(cache.logger, streamId, miss.Requested, token);
            }
        }

        public void RecordDeliveryFailure() => inner.RecordDeliveryFailure();

        public void Dispose()
        {
            pin?.Dispose();
            inner.Dispose();
        }

        // The first move of a batch: the agent asks for it only after the previous batch's delivery call returned.
        private void BeforeMove()
        {
            if (gathered == 0)
            {
                pin?.Dispose();
                pin = null;
            }
        }

        private bool AfterMove(bool moved)
        {
            if (!moved || cache.deliveryBatchSize == 1)
            {
                // A batch ends early when the cursor runs out; it is still being delivered until the next move.
                gathered = 0;
                return moved;
            }

            if (gathered == 0 && inner.GetCurrent(out _) is { } message)
            {
                pin = cache.BaseCursor(HoldStream, message.SequenceToken);
            }

            gathered = (gathered + 1) % cache.deliveryBatchSize;
            return moved;
        }
    }

    private IQueueCacheCursor BaseCursor(StreamId streamId, StreamSequenceToken token) => base.GetCacheCursor(streamId, token);
#pragma warning restore CS0618, CS0672
}
