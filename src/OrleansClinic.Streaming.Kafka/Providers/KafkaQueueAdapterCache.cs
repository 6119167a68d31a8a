using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>Makes one <see cref="KafkaQueueCache"/> per partition the silo reads.</summary>
internal sealed class KafkaQueueAdapterCache(int cacheSize, TimeSpan retention, int deliveryBatchSize, TimeProvider clock, string providerName, ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    private readonly ILogger logger = loggerFactory.CreateLogger($"{typeof(KafkaQueueCache).FullName}.{providerName}");

    public IQueueCache CreateQueueCache(QueueId queueId) => new KafkaQueueCache(cacheSize, retention, deliveryBatchSize, clock, logger);
}
