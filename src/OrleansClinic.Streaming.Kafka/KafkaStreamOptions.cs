using Confluent.Kafka;
using Orleans;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// Configuration of the Kafka persistent stream provider. Each topic is one stream namespace; each partition of a
/// topic is one Orleans queue, so a silo's pulling agents read whole partitions.
/// </summary>
public class KafkaStreamOptions
{
    /// <summary>The brokers to bootstrap from, <c>host:port</c> comma-separated. Required; no default.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>
    /// The topics to read and write; a stream's namespace is its topic. Required, at least one. The topics must
    /// exist (or the cluster must auto-create them) with <see cref="PartitionsPerTopic"/> partitions.
    /// </summary>
    public IList<string> Topics { get; } = [];

    /// <summary>
    /// How many partitions each topic has; one Orleans queue per (topic, partition). Defaults to 4. Must match the
    /// topics' real partition count, or partitions beyond it are never read.
    /// </summary>
    public int PartitionsPerTopic { get; set; } = 4;

    /// <summary>
    /// The consumer group whose committed offsets are the provider's checkpoints. Defaults to <c>orleans-streams</c>;
    /// give each cluster (and each provider in it) its own.
    /// </summary>
    public string ConsumerGroupId { get; set; } = "orleans-streams";

    /// <summary>
    /// The longest a broker may hold a fetch open waiting for new messages (<c>fetch.wait.max.ms</c>); bounds how long a
    /// message can sit on the broker before a receiver sees it. Defaults to 50 ms, against librdkafka's 500 ms.
    /// </summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long each read message stays in the silo's cache even when every consumer has had it. A subscription still
    /// being registered has no place in the cache yet; this is how long it may take and still get the messages that
    /// arrived meanwhile. Offsets are committed only after it, so it also delays checkpoints. Defaults to 5 s; zero
    /// keeps only what consumers still need.
    /// </summary>
    public TimeSpan CacheRetention { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most messages one receiver reads from its partition per poll. Defaults to 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How the clients talk to the brokers. Defaults to <see cref="KafkaSecurityProtocol.Plaintext"/> (development only).</summary>
    public KafkaSecurityProtocol SecurityProtocol { get; set; } = KafkaSecurityProtocol.Plaintext;

    /// <summary>
    /// The SASL mechanism when <see cref="SecurityProtocol"/> is <see cref="KafkaSecurityProtocol.SaslSsl"/>.
    /// Defaults to <see cref="KafkaSaslMechanism.ScramSha512"/> (MSK's username/password authentication).
    /// </summary>
    public KafkaSaslMechanism SaslMechanism { get; set; } = KafkaSaslMechanism.ScramSha512;

    /// <summary>The SASL/SCRAM user name. Required with <see cref="KafkaSaslMechanism.ScramSha512"/>.</summary>
    public string? SaslUsername { get; set; }

    /// <summary>The SASL/SCRAM password. Required with <see cref="KafkaSaslMechanism.ScramSha512"/>; never logged.</summary>
    [Redact]
    public string? SaslPassword { get; set; }

    /// <summary>A PEM file of CA certificates to trust for TLS; the system's trust store when null.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>
    /// Supplies OAUTHBEARER tokens; required with <see cref="KafkaSaslMechanism.AwsMskIam"/>. The handler is given the
    /// client and must call <c>client.OAuthBearerSetToken</c> (or <c>OAuthBearerSetTokenFailure</c>), typically with a
    /// token from the AWS MSK IAM signer. Not serialized and not logged.
    /// </summary>
    public Action<IClient, string>? OAuthBearerTokenRefreshHandler { get; set; }

    /// <summary>
    /// The brokers and security settings as librdkafka properties, for the clinic's other Kafka clients (the outbox
    /// relay's producer) so every client connects the same way.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConnectionSettings()
    {
        var config = new ClientConfig();
        KafkaClientConfig.ApplyCommon(config, this);
        return config.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
