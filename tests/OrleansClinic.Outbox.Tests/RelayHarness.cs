using Microsoft.Extensions.Options;
using OrleansClinic.Streaming.Kafka.Embedded;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Outbox.Tests;

/// <summary>One test's world: a migrated database, a mock Kafka cluster with the clinic's topics, and relays on both.</summary>
public sealed class RelayHarness : IAsyncDisposable
{
    /// <summary>Each event's first destination: every row lands in exactly one of these.</summary>
    public static readonly string[] Topics = ["clinic.appointments", "clinic.doctors", "clinic.patients", "clinic.events"];

    /// <summary>The further destinations: appointments per patient, and everything under one clinic key.</summary>
    public static readonly string[] FanOutTopics = ["clinic.patient-appointments", "clinic.all"];

    private readonly List<OutboxRelay> relays = [];

    private RelayHarness(OutboxDatabase database, KafkaMockCluster kafka)
    {
        Database = database;
        Kafka = kafka;
    }

    public OutboxDatabase Database { get; }

    public KafkaMockCluster Kafka { get; }

    public static async Task<RelayHarness> CreateAsync(PostgresServer server, string prefix)
    {
        var kafka = new KafkaMockCluster();
        foreach (var topic in Topics.Concat(FanOutTopics))
        {
            kafka.CreateTopic(topic, TopicReader.Partitions);
        }

        return new RelayHarness(await OutboxDatabase.CreateAsync(server, prefix), kafka);
    }

    /// <summary>
    /// A relay with test timings: fast polls, a 2 s lease, a 2 s produce timeout, short backoff; <paramref name="wrapStore"/>
    /// may put something between it and its PostgreSQL store.
    /// </summary>
    public OutboxRelay NewRelay(Action<OutboxRelayOptions>? configure = null, Func<IOutboxStore, IOutboxStore>? wrapStore = null)
    {
        var options = new OutboxRelayOptions
        {
            ConnectionString = Database.ConnectionString,
            BootstrapServers = Kafka.BootstrapServers,
            PollInterval = TimeSpan.FromMilliseconds(100),
            LeaseDuration = TimeSpan.FromSeconds(2),
            BackoffMin = TimeSpan.FromMilliseconds(100),
            BackoffMax = TimeSpan.FromSeconds(1),
            ProduceTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        IOutboxStore store = new PostgresOutboxStore(Database.DataSource, options.LeaseName);
        var relay = new OutboxRelay(Options.Create(options), wrapStore is null ? store : wrapStore(store));
        relays.Add(relay);
        return relay;
    }

    public List<Confluent.Kafka.ConsumeResult<string, byte[]>> ReadAll(int atLeast) => TopicReader.ReadAll(Kafka.BootstrapServers, Topics, atLeast);

    public List<Confluent.Kafka.ConsumeResult<string, byte[]>> ReadFanOut(int atLeast) => TopicReader.ReadAll(Kafka.BootstrapServers, FanOutTopics, atLeast);

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in relays)
        {
            await relay.StopAsync(CancellationToken.None);
            relay.Dispose();
        }

        await Database.DisposeAsync();
        await Kafka.DisposeAsync();
    }
}
