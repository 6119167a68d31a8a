using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// Writes stream events to Kafka (namespace = topic, key = message key, value = the Orleans-serialized
/// <see cref="KafkaBatchContainer"/>) and creates one receiver per queue.
/// </summary>
internal sealed class KafkaAdapter(
    string providerName,
    KafkaStreamOptions options,
    KafkaQueueMapper queueMapper,
    Serializer serializer,
    ILoggerFactory loggerFactory,
    KafkaMetrics? metrics = null) : IQueueAdapter, IDisposable
{
    private readonly Lazy<IProducer<byte[], byte[]>> _producer = new(() => CreateProducer(options, providerName));

    public string Name => providerName;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var (topic, partition) = queueMapper.GetPartitionForQueue(queueId);
        return new KafkaQueueAdapterReceiver(providerName, options, topic, partition, serializer,
            loggerFactory.CreateLogger<KafkaQueueAdapterReceiver>(), metrics);
    }

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token,
        Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The Kafka stream provider does not support sequence tokens on write.", nameof(token));
        }

        var payload = events.Cast<object>().ToArray();
        var (topic, partition) = queueMapper.GetPartitionForStream(streamId);
        var container = new KafkaBatchContainer(streamId, payload, requestContext);

        var headers = new Headers
        {
            { KafkaHeaders.OrleansPayload, "1"u8.ToArray() },
            { KafkaHeaders.EventId, Utf8(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)) },
        };
        if (payload.Length > 0)
        {
            headers.Add(KafkaHeaders.EventType, Utf8(payload[0].GetType().FullName ?? payload[0].GetType().Name));
        }

        string? correlation = null;
        if (requestContext is not null
            && requestContext.TryGetValue(KafkaHeaders.CorrelationIdRequestContextKey, out var correlationId)
            && correlationId is not null)
        {
            correlation = correlationId.ToString() ?? string.Empty;
            headers.Add(KafkaHeaders.CorrelationId, Utf8(correlation));
        }

        using var span = KafkaTracing.StartSend(topic, partition, correlation);
        KafkaTraceContext.Inject(headers, span);

        var message = new Message<byte[], byte[]>
        {
            Key = Utf8(streamId.GetKeyAsString()),
            Value = serializer.SerializeToArray(container),
            Headers = headers,
        };

        // Awaiting the delivery report means OnNextAsync completes only once the brokers (acks=all) hold the event.
        try
        {
            var delivered = await _producer.Value.ProduceAsync(new TopicPartition(topic, new Partition(partition)), message);
            span?.SetTag("messaging.kafka.offset", delivered.Offset.Value);
        }
        catch (KafkaException e)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Error.Reason);
            throw;
        }
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(10));
            _producer.Value.Dispose();
        }
    }

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    private static IProducer<byte[], byte[]> CreateProducer(KafkaStreamOptions options, string providerName)
    {
        var builder = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.ForProducer(options, providerName));
        if (options.OAuthBearerTokenRefreshHandler is { } refresh)
        {
            builder.SetOAuthBearerTokenRefreshHandler(refresh);
        }

        return builder.Build();
    }
}
