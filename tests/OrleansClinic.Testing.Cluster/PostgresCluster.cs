using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansClinic.Hosting;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Outbox;

namespace OrleansClinic.Testing.Cluster;

/// <summary>
/// A two-silo cluster on a real PostgreSQL database: membership, reminders and grain state all in Postgres, so any
/// silo may be killed. Failure detection is tuned short so a killed silo is noticed within seconds.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string ConnectionStringKey = "ClinicTest:ConnectionString";
    private const string KafkaKey = "Kafka:BootstrapServers";

    private PostgresCluster(TestCluster cluster, string connectionString) => (Cluster, ConnectionString) = (cluster, connectionString);

    public TestCluster Cluster { get; }

    public string ConnectionString { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>
    /// Deploys the cluster. <paramref name="tcp"/> puts the silos on real sockets so an out-of-cluster client (a gateway)
    /// can connect; <paramref name="extraSiloConfigurator"/> adds a test's own <see cref="ISiloConfigurator"/> type;
    /// <paramref name="kafkaBootstrapServers"/> turns the event backbone on (outbox relay and Kafka streams in every silo).
    /// </summary>
    public static async Task<PostgresCluster> Start(
        string connectionString, bool tcp = false, Type? extraSiloConfigurator = null, string? kafkaBootstrapServers = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        if (tcp)
        {
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        }

        if (extraSiloConfigurator is not null)
        {
            builder.Options.SiloBuilderConfiguratorTypes.Add(extraSiloConfigurator.AssemblyQualifiedName);
        }

        builder.Properties[ConnectionStringKey] = connectionString;
        foreach (var (key, value) in TestVaultKeys.Settings)
        {
            builder.Properties[key] = value;
        }

        if (kafkaBootstrapServers is not null)
        {
            builder.Properties[KafkaKey] = kafkaBootstrapServers;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Properties[key] = value;
        }
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PostgresCluster(cluster, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey]!;
            var options = new ClinicHostOptions { PostgresConnectionString = connectionString, KafkaBootstrapServers = siloBuilder.Configuration[KafkaKey] };
            siloBuilder.Configuration.GetSection("Privacy:Vault").Bind(options.Vault);
            options.Vault.ConnectionString = connectionString;
            siloBuilder
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClinicPostgres.Invariant, connectionString))
                .AddClinicGrains(options)
                .AddClinicEvents(options, siloBuilder.Configuration)
                .AddClinicRecords(options, siloBuilder.Configuration)
                .Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                })
                .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));

            // Test timings: a killed relay holder is replaced within seconds, not the production 30 s.
            siloBuilder.Services.Configure<OutboxRelayOptions>(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.LeaseDuration = TimeSpan.FromSeconds(3);
                o.BackoffMin = TimeSpan.FromMilliseconds(100);
                o.BackoffMax = TimeSpan.FromSeconds(1);
                o.ProduceTimeout = TimeSpan.FromSeconds(5);
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClinicPostgres.Invariant, configuration[ConnectionStringKey]))
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
    }
}
