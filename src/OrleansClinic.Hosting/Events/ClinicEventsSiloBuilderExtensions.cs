using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Notifications;
using OrleansClinic.Outbox;
using OrleansClinic.Outbox.Hosting;
using OrleansClinic.Persistence.Postgres.Hosting;
using OrleansClinic.Streaming.Kafka;
using OrleansClinic.Streaming.Kafka.Hosting;

namespace OrleansClinic.Hosting.Events;

/// <summary>
/// Wires the event backbone into a silo: the outbox relay publishing committed events to Kafka and the Kafka stream
/// provider delivering them to Orleans streams (docs/decisions/0002-event-backbone-plan.md).
/// </summary>
public static class ClinicEventsSiloBuilderExtensions
{
    /// <summary>Name of the grain storage that keeps explicit stream subscriptions (Orleans' convention).</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>The most events a stream's subscriber is handed in one delivery call.</summary>
    public const int DeliveryBatchSize = 100;

    /// <summary>
    /// Adds the relay and the stream provider when <paramref name="options"/> says events are published: on the Kafka of
    /// <c>Kafka:BootstrapServers</c> (with the <c>Kafka</c> section's security settings), or on an in-process mock cluster
    /// when the clinic is embedded.
    /// </summary>
    public static ISiloBuilder AddClinicEvents(this ISiloBuilder silo, ClinicHostOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        // Patients hear about their appointments from the event streams (NotificationGrain's implicit subscription); the
        // ledger is there without events too, so staff can always read it.
        var services = silo.Services;
        services.AddClinicNotifications(o => configuration.GetSection(NotificationOptions.Section).Bind(o), options.UsesPostgres ? options.PostgresConnectionString : null);
        if (!options.PublishesEvents)
        {
            return silo;
        }

        if (options.UsesEmbeddedKafka)
        {
            services.AddSingleton<EmbeddedKafka>();
        }

        silo.AddKafkaStreams(ClinicEventStreams.ProviderName, streams =>
        {
            streams.ConfigureKafka(kafka => kafka.ForClinic(options, configuration));

            // Orleans reads each queue every 100 ms by default; a live screen notices. Reading a quiet partition is a
            // non-blocking look at what the consumer already fetched, so a shorter period costs little. One message per
            // delivery call capped a stream (all of clinic.all) at one round trip per event; a consumer now gets what
            // has piled up in one call, so a backlog drains in a few calls instead of growing.
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(25);
                o.BatchContainerBatchSize = DeliveryBatchSize;
            }));
        });

        if (options.UsesPostgres)
        {
            // Subscriptions must outlive the silo that hosts a stream's rendezvous grain.
            silo.AddOrleansStatePostgresStorage(PubSubStore, o => o.ConnectionString = options.PostgresConnectionString!);
            services.AddOutboxRelay(o => o.ConnectionString = options.PostgresConnectionString!);
        }
        else
        {
            silo.AddMemoryGrainStorage(PubSubStore);
            services.AddInMemoryOutboxRelay(_ => { });

            // Replaces the plain memory storage: state writes now also fill the in-memory outbox.
            services.AddKeyedSingleton<IGrainStorage>(ClinicStorage.ProviderName, (sp, _) => new EmbeddedOutboxGrainStorage(
                MemoryGrainStorageFactory.Create(sp, ClinicStorage.ProviderName), sp.GetRequiredService<InMemoryOutboxStore>()));
        }

        // Timings (PollInterval, BatchSize, LeaseDuration, ...) from Clinic:Outbox; the producer connects as the streams do.
        services.AddOptions<OutboxRelayOptions>().Bind(configuration.GetSection("Clinic:Outbox")).Configure<IOptionsMonitor<KafkaStreamOptions>>((relay, kafka) =>
        {
            var streams = kafka.Get(ClinicEventStreams.ProviderName);
            relay.BootstrapServers = streams.BootstrapServers;
            foreach (var (key, value) in streams.ConnectionSettings())
            {
                relay.ProducerConfig[key] = value;
            }
        });
        return silo;
    }

    /// <summary>
    /// The <c>Kafka</c> section's settings, then the clinic's topics and consumer group (and the embedded brokers) on top:
    /// the same for silos and client-mode gateways.
    /// </summary>
    internal static OptionsBuilder<KafkaStreamOptions> ForClinic(this OptionsBuilder<KafkaStreamOptions> kafka, ClinicHostOptions options, IConfiguration configuration) =>
        kafka.Bind(configuration.GetSection("Kafka")).Configure<IServiceProvider>((o, sp) => ForClinic(o, options, sp));

    private static void ForClinic(KafkaStreamOptions kafka, ClinicHostOptions options, IServiceProvider services)
    {
        if (options.UsesEmbeddedKafka)
        {
            kafka.BootstrapServers = services.GetRequiredService<EmbeddedKafka>().BootstrapServers;
        }

        // Only the topics someone watches through Orleans streams; the others are read by their own consumers.
        foreach (var topic in new[] { ClinicEventStreams.DoctorsTopic, ClinicEventStreams.PatientAppointmentsTopic, ClinicEventStreams.ClinicTopic })
        {
            if (!kafka.Topics.Contains(topic))
            {
                kafka.Topics.Add(topic);
            }
        }

        if (kafka.ConsumerGroupId == new KafkaStreamOptions().ConsumerGroupId)
        {
            kafka.ConsumerGroupId = $"{options.ServiceId}-streams";
        }
    }
}
