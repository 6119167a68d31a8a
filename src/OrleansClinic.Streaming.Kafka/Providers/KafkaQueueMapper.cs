using System.Text;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// Maps Orleans queues to Kafka (topic, partition) pairs and streams to queues: queue number
/// <c>topicIndex * PartitionsPerTopic + partition</c>; a stream goes to its namespace's topic and to the partition
/// librdkafka's default partitioner would choose for its key (CRC32 of the key), so events that the outbox relay
/// and Orleans write for one entity share a partition and keep their relative order.
/// </summary>
public sealed class KafkaQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly HashRingBasedStreamQueueMapper _ring;
    private readonly Dictionary<uint, QueueId> _queuesByNumber;
    private readonly Dictionary<string, int> _topicIndex;
    private readonly IReadOnlyList<string> _topics;
    private readonly int _partitions;

    /// <summary>Creates the mapper for the given options.</summary>
    /// <param name="options">The provider's options: topics and partitions per topic.</param>
    /// <param name="providerName">The provider's name, the prefix of its queue ids.</param>
    public KafkaQueueMapper(KafkaStreamOptions options, string providerName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topics = [.. options.Topics];
        _partitions = options.PartitionsPerTopic;
        _topicIndex = _topics.Select((topic, index) => (topic, index)).ToDictionary(t => t.topic, t => t.index, StringComparer.Ordinal);

        // The hash ring gives each queue a uniform position, which the default (consistent ring) balancer needs.
        _ring = new HashRingBasedStreamQueueMapper(
            new HashRingStreamQueueMapperOptions { TotalQueueCount = _topics.Count * _partitions }, providerName);
        _queuesByNumber = _ring.GetAllQueues().ToDictionary(q => q.GetNumericId());
    }

    /// <inheritdoc />
    public IEnumerable<QueueId> GetAllQueues() => _ring.GetAllQueues();

    /// <inheritdoc />
    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _ring.GetQueuesForRange(range);

    /// <inheritdoc />
    public QueueId GetQueueForStream(StreamId streamId)
    {
        var (topic, partition) = GetPartitionForStream(streamId);
        return _queuesByNumber[(uint)(_topicIndex[topic] * _partitions + partition)];
    }

    /// <summary>The topic and partition a stream's events are written to.</summary>
    /// <param name="streamId">The stream; its namespace must be one of the configured topics.</param>
    /// <returns>The topic and partition.</returns>
    public (string Topic, int Partition) GetPartitionForStream(StreamId streamId)
    {
        var topic = streamId.GetNamespace();
        if (topic is null || !_topicIndex.ContainsKey(topic))
        {
            throw new ArgumentException(
                $"Stream {streamId} has namespace '{topic}', which is not one of the provider's topics ({string.Join(", ", _topics)}).",
                nameof(streamId));
        }

        var key = Encoding.UTF8.GetBytes(streamId.GetKeyAsString());
        return (topic, (int)(Crc32(key) % (uint)_partitions));
    }

    /// <summary>The topic and partition a queue reads.</summary>
    /// <param name="queueId">One of <see cref="GetAllQueues"/>.</param>
    /// <returns>The topic and partition.</returns>
    public (string Topic, int Partition) GetPartitionForQueue(QueueId queueId)
    {
        var number = (int)queueId.GetNumericId();
        return (_topics[number / _partitions], number % _partitions);
    }

    // CRC-32 (IEEE, reflected), as librdkafka's consistent partitioners use.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
