using Orleans.Hosting;
using Orleans.TestingHost;
using OrleansClinic.Streaming.Kafka;
using OrleansClinic.Streaming.Kafka.Hosting;
using OrleansClinic.Streaming.Kafka.Embedded;

[assembly: AssemblyFixture(typeof(OrleansClinic.Streaming.Kafka.Tests.KafkaFixture))]

namespace OrleansClinic.Streaming.Kafka.Tests;

/// <summary>One mock Kafka cluster and one 2-silo Orleans cluster with the provider, shared by the tests.</summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    public const string Provider = "kafka";
    public const string Topic = "orders";
    public const int Partitions = 4;

    public KafkaMockCluster Kafka { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Kafka.CreateTopic(Topic, Partitions);
        var builder = new TestClusterBuilder(2);
        builder.Properties["Kafka:BootstrapServers"] = Kafka.BootstrapServers;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Kafka.DisposeAsync();
    }

    internal static void Configure(KafkaStreamOptions options, string bootstrapServers)
    {
        options.BootstrapServers = bootstrapServers;
        options.Topics.Add(Topic);
        options.PartitionsPerTopic = Partitions;
        options.ConsumerGroupId = "kafka-tests";
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddMemoryGrainStorage("PubSubStore")
            .AddKafkaStreams(Provider, o => KafkaFixture.Configure(o, siloBuilder.Configuration["Kafka:BootstrapServers"]!));
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddKafkaStreams(Provider, o => KafkaFixture.Configure(o, configuration["Kafka:BootstrapServers"]!));
    }
}
