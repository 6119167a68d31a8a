using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// Reads one Kafka partition for one Orleans queue. The partition is assigned manually (no group rebalancing: the
/// Orleans queue balancer already decides who reads what), reading starts at the consumer group's committed offset,
/// and offsets are committed only in <see cref="MessagesDeliveredAsync"/>, after Orleans has delivered the batches.
/// A crash therefore re-delivers at most what was read but not yet reported delivered.
/// </summary>
internal sealed partial class KafkaQueueAdapterReceiver(
    string providerName,
    KafkaStreamOptions options,
    string topic,
    int partition,
    Serializer serializer,
    ILogger<KafkaQueueAdapterReceiver> logger,
    KafkaMetrics? metrics = null) : IQueueAdapterReceiver
{
    private readonly TopicPartition _topicPartition = new(topic, new Partition(partition));
    private IConsumer<byte[], byte[]>? _consumer;
    private long _committed = -1;
    private long _firstRead = -1;

    public Task Initialize(TimeSpan timeout)
    {
        var builder = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfig.ForConsumer(options, providerName, topic, partition))
            .SetErrorHandler((_, error) => LogClientError(providerName, topic, partition, error.Reason));
        if (options.OAuthBearerTokenRefreshHandler is { } refresh)
        {
            builder.SetOAuthBearerTokenRefreshHandler(refresh);
        }

        _consumer = builder.Build();
        // Offset.Stored: resume at the group's committed offset, or at the earliest when there is none.
        _consumer.Assign(new TopicPartitionOffset(_topicPartition, Offset.Stored));
        return Task.CompletedTask;
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        var consumer = _consumer;
        IList<IBatchContainer> batches = [];
        if (consumer is null)
        {
            return Task.FromResult(batches);
        }

        var limit = maxCount <= 0 ? options.BatchSize : Math.Min(maxCount, options.BatchSize);
        while (batches.Count < limit)
        {
            ConsumeResult<byte[], byte[]>? result;
            try
            {
                // A zero timeout returns what the client has already fetched, so the pulling agent never blocks.
                result = consumer.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException ex)
            {
                LogClientError(providerName, topic, partition, ex.Error.Reason);
                break;
            }

            if (result?.Message is null)
            {
                break;
            }

            batches.Add(ToBatch(result));
        }

        RecordProgress(consumer, batches);
        return Task.FromResult(batches);
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        var consumer = _consumer;
        if (consumer is null || messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var delivered = messages.OfType<KafkaBatchContainer>().Select(m => m.Offset).DefaultIfEmpty(-1).Max();
        if (delivered < 0 || delivered + 1 <= _committed)
        {
            return Task.CompletedTask;
        }

        var next = delivered + 1;
        // Commit is a blocking broker round trip; keep it off the Orleans scheduler's threads.
        return Task.Run(() =>
        {
            try
            {
                consumer.Commit([new TopicPartitionOffset(_topicPartition, new Offset(next))]);
                _committed = next;
            }
            catch (KafkaException ex)
            {
                // Not fatal: a later commit covers this one, and a crash before it only means re-delivery.
                LogCommitFailed(ex, providerName, topic, partition, next);
            }
        });
    }

    public Task Shutdown(TimeSpan timeout)
    {
        var consumer = _consumer;
        _consumer = null;
        metrics?.Forget(topic, partition);
        if (consumer is not null)
        {
            consumer.Close();
            consumer.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Publishes this partition's consumer lag: the high watermark the client last saw in a fetch (no broker call) less the
    /// committed offset, or, before the first commit, the first offset read.
    /// </summary>
    private void RecordProgress(IConsumer<byte[], byte[]> consumer, IList<IBatchContainer> batches)
    {
        if (metrics is null)
        {
            return;
        }

        if (batches.Count > 0)
        {
            metrics.Received(topic, batches.Count);
            if (_firstRead < 0)
            {
                _firstRead = ((KafkaBatchContainer)batches[0]).Offset;
            }
        }

        var high = consumer.GetWatermarkOffsets(_topicPartition).High;
        var from = _committed >= 0 ? _committed : _firstRead;
        if (high != Offset.Unset && from >= 0)
        {
            metrics.RecordLag(topic, partition, Math.Max(0, high.Value - from));
        }
    }

    private KafkaBatchContainer ToBatch(ConsumeResult<byte[], byte[]> result)
    {
        var message = result.Message;
        var correlationId = Header(message, KafkaHeaders.CorrelationId);
        var eventId = Header(message, KafkaHeaders.EventId);
        var sent = KafkaTraceContext.TryExtract(message.Headers, out var sender) ? sender : default;
        var received = KafkaTracing.Received(sent, result.Topic, result.Partition.Value, result.Offset.Value, correlationId, eventId);
        KafkaBatchContainer batch;
        if (Header(message, KafkaHeaders.OrleansPayload) == "1")
        {
            batch = serializer.Deserialize<KafkaBatchContainer>(message.Value)
                ?? throw new InvalidOperationException($"Empty Orleans payload at {result.TopicPartitionOffset}.");
        }
        else
        {
            var key = message.Key is null ? string.Empty : Encoding.UTF8.GetString(message.Key);
            var external = new KafkaExternalEvent(
                eventId ?? string.Empty,
                Header(message, KafkaHeaders.EventType) ?? string.Empty,
                key,
                correlationId,
                message.Value is null ? string.Empty : Encoding.UTF8.GetString(message.Value),
                result.Topic,
                result.Partition.Value,
                result.Offset.Value,
                received?.Id ?? Header(message, KafkaHeaders.TraceParent));
            Dictionary<string, object>? context = correlationId is null
                ? null
                : new() { [KafkaHeaders.CorrelationIdRequestContextKey] = correlationId };
            batch = new KafkaBatchContainer(StreamId.Create(result.Topic, key), [external], context);
        }

        batch.Offset = result.Offset.Value;
        return batch;
    }

    private static string? Header(Message<byte[], byte[]> message, string name) =>
        message.Headers is not null && message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    [LoggerMessage(1, LogLevel.Warning, "Kafka stream provider '{Provider}' on {Topic}/{Partition}: {Reason}")]
    private partial void LogClientError(string provider, string topic, int partition, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Kafka stream provider '{Provider}' could not commit offset {Offset} of {Topic}/{Partition}; it will retry with the next delivered batch.")]
    private partial void LogCommitFailed(Exception exception, string provider, string topic, int partition, long offset);
}
