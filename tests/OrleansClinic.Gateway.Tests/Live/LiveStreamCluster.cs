using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;
using OrleansClinic.Gateway.Live;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Gateway.Tests.Live;

/// <summary>
/// A one-silo cluster whose <c>clinic-events</c> provider is in-memory streams, standing in for the Kafka provider:
/// the tests publish <see cref="KafkaExternalEvent"/>s as the Kafka adapter would deliver them.
/// </summary>
public sealed class LiveStreamCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>A hub on the cluster's client, with <paramref name="configure"/> applied to the default options.</summary>
    public LiveStreamHub Hub(Action<LiveUpdatesOptions>? configure = null)
    {
        var options = new LiveUpdatesOptions();
        configure?.Invoke(options);
        return new LiveStreamHub(Cluster.Client, Options.Create(options), TimeProvider.System, NullLogger<LiveStreamHub>.Instance);
    }

    /// <summary>Publishes an outbox-shaped event as the Kafka provider would deliver the message at <paramref name="offset"/>.</summary>
    public Task Publish(LiveStream stream, long offset, string? eventId = null, string type = "slot.booked") =>
        Orleans(stream).OnNextAsync(Event(stream, offset, eventId ?? "e-" + offset, type));

    /// <summary>This client's Orleans subscriptions to <paramref name="stream"/>, which are the hubs' since the tests subscribe no other way.</summary>
    public async Task<int> Subscriptions(LiveStream stream) => (await Orleans(stream).GetAllSubscriptionHandles()).Count;

    public static KafkaExternalEvent Event(LiveStream stream, long offset, string eventId, string type)
    {
        var json = $$$"""{"eventId":"{{{eventId}}}","eventType":"{{{type}}}","entityKey":"{{{stream.Key}}}","correlationId":"c-{{{offset}}}","occurredAt":"2026-03-01T09:00:00.000000Z","payload":{"offset":{{{offset}}}}}""";
        return new KafkaExternalEvent(eventId, type, stream.Key, "c-" + offset, json, stream.Topic, 0, offset);
    }

    private IAsyncStream<KafkaExternalEvent> Orleans(LiveStream stream) =>
        Cluster.Client.GetStreamProvider(ClinicEventStreams.ProviderName).GetStream<KafkaExternalEvent>(stream.Id);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddMemoryStreams(ClinicEventStreams.ProviderName).AddMemoryGrainStorage("PubSubStore");
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(ClinicEventStreams.ProviderName);
    }
}
