using OrleansClinic.Privacy.AwsKms;
using Microsoft.Extensions.Configuration;
using OrleansClinic.Privacy;

namespace OrleansClinic.Hosting;

/// <summary>How a silo or gateway of the clinic is hosted, read from configuration.</summary>
public sealed class ClinicHostOptions
{
    /// <summary>The <c>Kafka:BootstrapServers</c> value that asks for the in-process mock cluster.</summary>
    public const string EmbeddedKafkaValue = "embedded";

    private string? postgresConnectionString;

    /// <summary>Orleans cluster id shared by every silo and client of one clinic deployment.</summary>
    public string ClusterId { get; set; } = "orleans-clinic";

    /// <summary>Orleans service id; stable across deployments so reminders and state survive upgrades.</summary>
    public string ServiceId { get; set; } = "orleans-clinic";

    /// <summary>
    /// PostgreSQL connection string (<c>ConnectionStrings:Clinic</c>); when empty the clinic runs embedded, in memory. What
    /// it leaves unsaid of pool size, statement preparation and session reset takes <see cref="ClinicDatabasePool"/>'s defaults.
    /// </summary>
    public string? PostgresConnectionString
    {
        get => postgresConnectionString;
        set => postgresConnectionString = ClinicDatabasePool.WithDefaults(value);
    }

    /// <summary>Seeds the demo clinic at start; on by default only when embedded.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Kafka <c>bootstrap.servers</c> (<c>Kafka:BootstrapServers</c>). <c>embedded</c> runs an in-process mock cluster
    /// (single process only), the default when the clinic itself is embedded; empty with PostgreSQL means no events.
    /// </summary>
    public string? KafkaBootstrapServers { get; set; }

    /// <summary>
    /// The PII vault's keys (<c>Privacy:Vault</c>): required with PostgreSQL, from a secret store or the environment;
    /// the embedded clinic generates its own at start-up.
    /// </summary>
    public PiiVaultOptions Vault { get; } = new();

    /// <summary>The AWS KMS keys (<c>Privacy:Vault:Kms</c>), used when <c>Privacy:Vault:MasterKey</c> is <c>aws-kms</c>.</summary>
    public KmsMasterKeyOptions Kms { get; } = new();

    /// <summary>True when this process runs its own in-memory Kafka cluster.</summary>
    public bool UsesEmbeddedKafka =>
        string.Equals(KafkaBootstrapServers, EmbeddedKafkaValue, StringComparison.OrdinalIgnoreCase)
        || (string.IsNullOrWhiteSpace(KafkaBootstrapServers) && !UsesPostgres);

    /// <summary>True when committed events are published to Kafka and delivered to Orleans streams (live updates).</summary>
    public bool PublishesEvents => UsesEmbeddedKafka || !string.IsNullOrWhiteSpace(KafkaBootstrapServers);

    /// <summary>True when state, membership and reminders live in PostgreSQL.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>
    /// The pod's namespace when the silo runs in Kubernetes (the downward API's <c>POD_NAMESPACE</c>): then Orleans'
    /// Kubernetes hosting names the silo after its pod and advertises the pod's address.
    /// </summary>
    public string? KubernetesNamespace { get; set; }

    /// <summary>The pod's address (<c>POD_IP</c>), which the silo advertises to its peers and to clients.</summary>
    public string? KubernetesPodIp { get; set; }

    /// <summary>True when the silo joins a cluster of pods: in Kubernetes, with PostgreSQL for membership.</summary>
    public bool RunsInKubernetes => UsesPostgres && !string.IsNullOrWhiteSpace(KubernetesNamespace);

    /// <summary>Reads the options from configuration (<c>Clinic</c> section, <c>ConnectionStrings:Clinic</c>, <c>Orleans</c> ports).</summary>
    public static ClinicHostOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ClinicHostOptions
        {
            PostgresConnectionString = configuration.GetConnectionString("Clinic"),
            KafkaBootstrapServers = configuration["Kafka:BootstrapServers"],
        };
        configuration.GetSection("Clinic").Bind(options);
        configuration.GetSection("Privacy:Vault").Bind(options.Vault);
        configuration.GetSection(KmsMasterKeyOptions.Section).Bind(options.Kms);
        options.Vault.ConnectionString = options.PostgresConnectionString;
        options.SeedDemoData = configuration.GetValue("Clinic:SeedDemoData", !options.UsesPostgres);
        options.SiloPort = configuration.GetValue("Orleans:SiloPort", options.SiloPort);
        options.GatewayPort = configuration.GetValue("Orleans:GatewayPort", options.GatewayPort);
        options.KubernetesNamespace = configuration["POD_NAMESPACE"];
        options.KubernetesPodIp = configuration["POD_IP"];
        return options;
    }
}
