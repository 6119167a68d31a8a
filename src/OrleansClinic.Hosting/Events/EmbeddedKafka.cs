using Microsoft.Extensions.Logging;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Streaming.Kafka.Embedded;

namespace OrleansClinic.Hosting.Events;

/// <summary>
/// The in-process Kafka cluster of the embedded clinic (librdkafka's mock cluster on loopback ports), with the clinic's
/// topics created up front. Its data lives and dies with the process, like the embedded clinic's grain state.
/// </summary>
public sealed partial class EmbeddedKafka : IAsyncDisposable
{
    /// <summary>Partitions of every topic: the Kafka stream provider's default queue count per topic.</summary>
    public const int Partitions = 4;

    private readonly KafkaMockCluster cluster;

    /// <summary>Starts the cluster and creates the clinic's topics.</summary>
    public EmbeddedKafka(ILogger<EmbeddedKafka> logger)
    {
        cluster = new KafkaMockCluster(brokerCount: 1);
        foreach (var topic in Topics)
        {
            cluster.CreateTopic(topic, Partitions);
        }

        LogStarted(logger, cluster.BootstrapServers);
    }

    /// <summary>Every topic the clinic publishes to.</summary>
    public static IReadOnlyList<string> Topics { get; } =
    [
        ClinicEventStreams.DoctorsTopic,
        ClinicEventStreams.AppointmentsTopic,
        ClinicEventStreams.PatientAppointmentsTopic,
        ClinicEventStreams.PatientsTopic,
        ClinicEventStreams.ClinicTopic,
        Outbox.OutboxRelayOptions.DefaultFallbackTopic,
    ];

    /// <summary>The <c>bootstrap.servers</c> of the cluster.</summary>
    public string BootstrapServers => cluster.BootstrapServers;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded Kafka (in-process mock cluster, memory only) at {BootstrapServers}")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers);
}
