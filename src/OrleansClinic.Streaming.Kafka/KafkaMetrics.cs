using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// The provider's instruments on the <c>OrleansClinic.Streaming.Kafka</c> meter: messages received, and each read
/// partition's consumer lag (the partition's high watermark less the offset this silo last committed, both already known
/// to the client, so reading it costs no broker call).
/// </summary>
public sealed class KafkaMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Streaming.Kafka";

    /// <summary>Gauge: messages in a partition not yet delivered and committed by the silo reading it.</summary>
    public const string ConsumerLagName = "clinic.kafka.consumer_lag";

    /// <summary>Counter: messages read from Kafka by the stream provider.</summary>
    public const string ReceivedName = "clinic.kafka.messages_received";

    private readonly ConcurrentDictionary<(string Topic, int Partition), long> lags = new();
    private readonly Counter<long> received;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, which owns and disposes it.</summary>
    public KafkaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(ConsumerLagName, ObserveLags, unit: "{message}", description: "Messages of a partition read by this process not yet delivered and committed.");
        received = meter.CreateCounter<long>(ReceivedName, unit: "{message}", description: "Messages read from Kafka by the stream provider.");
    }

    internal void Received(string topic, int count) => received.Add(count, new KeyValuePair<string, object?>("messaging.destination.name", topic));

    internal void RecordLag(string topic, int partition, long lag) => lags[(topic, partition)] = lag;

    internal void Forget(string topic, int partition) => lags.TryRemove((topic, partition), out _);

    private IEnumerable<Measurement<long>> ObserveLags() =>
        lags.Select(l => new Measurement<long>(
            l.Value,
            new KeyValuePair<string, object?>("messaging.destination.name", l.Key.Topic),
            new KeyValuePair<string, object?>("messaging.destination.partition.id", l.Key.Partition.ToString(CultureInfo.InvariantCulture))));
}
