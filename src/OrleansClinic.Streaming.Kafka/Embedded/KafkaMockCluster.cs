using System.Runtime.InteropServices;
using System.Text;

namespace OrleansClinic.Streaming.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster for tests and the embedded clinic: librdkafka's mock cluster, speaking the real Kafka
/// protocol on loopback ports, with fault injection. Data lives in memory and ends with <see cref="DisposeAsync"/>; never
/// for production (that is Amazon MSK).
/// </summary>
/// <remarks>
/// Topics auto-create with 4 partitions on first use; call <see cref="CreateTopic"/> for another count. The mock's
/// admin API never answers <c>CreateTopics</c>, and a restarted consumer-group member may wait tens of seconds to
/// rejoin, so tests should prefer short session timeouts or manual partition assignment.
/// </remarks>
public sealed class KafkaMockCluster : IAsyncDisposable
{
    private const int ErrorBufferSize = 512;
    private readonly Lock _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    /// <summary>Starts a mock cluster.</summary>
    /// <param name="brokerCount">How many brokers; broker ids run from 1 to this count.</param>
    public KafkaMockCluster(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);

        // Confluent.Kafka resolves and loads the native library from librdkafka.redist; after that our
        // P/Invokes bind to the same, already loaded, module.
        _ = Confluent.Kafka.Library.Version;

        BrokerCount = brokerCount;
        var conf = Native.rd_kafka_conf_new();
        var errors = new byte[ErrorBufferSize];
        // The handle exists only to own the mock cluster; it never connects anywhere itself.
        SetConf(conf, "bootstrap.servers", "127.0.0.1:1");
        SetConf(conf, "log_level", "0");

        _handle = Native.rd_kafka_new(0, conf, errors, (UIntPtr)ErrorBufferSize);
        if (_handle == IntPtr.Zero)
        {
            // rd_kafka_new takes ownership of the configuration only on success.
            Native.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"librdkafka could not create a handle: {Text(errors)}");
        }

        _cluster = Native.rd_kafka_mock_cluster_new(_handle, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            Native.rd_kafka_destroy(_handle);
            _handle = IntPtr.Zero;
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(Native.rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>The comma-separated <c>host:port</c> list that Kafka clients use as <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers the cluster has (ids 1 to this count).</summary>
    public int BrokerCount { get; }

    /// <summary>Takes a broker down: its connections close and it refuses new ones until <see cref="SetBrokerUp"/>.</summary>
    /// <param name="brokerId">A broker id, from 1 to <see cref="BrokerCount"/>.</param>
    public void SetBrokerDown(int brokerId) =>
        Check(Native.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"set broker {brokerId} down");

    /// <summary>Brings a broker taken down by <see cref="SetBrokerDown"/> back up.</summary>
    /// <param name="brokerId">A broker id, from 1 to <see cref="BrokerCount"/>.</param>
    public void SetBrokerUp(int brokerId) =>
        Check(Native.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>Makes <paramref name="brokerId"/> the leader of one partition, so that taking that broker down fails just its partitions.</summary>
    /// <param name="topic">An existing topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="brokerId">A broker id, from 1 to <see cref="BrokerCount"/>.</param>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(Native.rd_kafka_mock_partition_set_leader(Cluster, topic, partition, brokerId), $"move the leader of {topic}/{partition} to broker {brokerId}");

    /// <summary>Creates a topic with the given partition count, replicated to every broker (at most 3).</summary>
    /// <param name="topic">The topic name; creating a topic that exists fails.</param>
    /// <param name="partitions">How many partitions.</param>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Check(
            Native.rd_kafka_mock_topic_create(Cluster, topic, partitions, Math.Min(BrokerCount, 3)),
            $"create topic '{topic}'");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero)
            {
                Native.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                Native.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }

        return ValueTask.CompletedTask;
    }

    private IntPtr Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return _cluster;
        }
    }

    private static void SetConf(IntPtr conf, string name, string value)
    {
        var errors = new byte[ErrorBufferSize];
        if (Native.rd_kafka_conf_set(conf, name, value, errors, (UIntPtr)ErrorBufferSize) != 0)
        {
            throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(errors)}");
        }
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"The mock cluster could not {what}: {Marshal.PtrToStringUTF8(Native.rd_kafka_err2str(error))}");
        }
    }
}
