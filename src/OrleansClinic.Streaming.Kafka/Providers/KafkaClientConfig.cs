using Confluent.Kafka;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>Builds the Confluent client configurations from <see cref="KafkaStreamOptions"/>, in one place.</summary>
internal static class KafkaClientConfig
{
    public static ProducerConfig ForProducer(KafkaStreamOptions options, string providerName)
    {
        var config = new ProducerConfig
        {
            ClientId = $"orleans-{providerName}-producer",
            // Idempotence keeps per-partition order and drops broker-side duplicates when the client retries.
            EnableIdempotence = true,
            Acks = Acks.All,
        };
        ApplyCommon(config, options);
        return config;
    }

    public static ConsumerConfig ForConsumer(KafkaStreamOptions options, string providerName, string topic, int partition)
    {
        var config = new ConsumerConfig
        {
            ClientId = $"orleans-{providerName}-{topic}-{partition}",
            GroupId = options.ConsumerGroupId,
            // Offsets are committed by the receiver after Orleans has delivered a batch, never by the client.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Live updates wait on this when a partition is quiet; librdkafka's 500 ms default showed as SSE latency.
            FetchWaitMaxMs = (int)options.FetchWait.TotalMilliseconds,
        };
        ApplyCommon(config, options);
        return config;
    }

    public static void ApplyCommon(ClientConfig config, KafkaStreamOptions options)
    {
        config.BootstrapServers = options.BootstrapServers;
        config.SslCaLocation = options.SslCaLocation;
        switch (options.SecurityProtocol)
        {
            case KafkaSecurityProtocol.Plaintext:
                config.SecurityProtocol = SecurityProtocol.Plaintext;
                break;
            case KafkaSecurityProtocol.Ssl:
                config.SecurityProtocol = SecurityProtocol.Ssl;
                break;
            case KafkaSecurityProtocol.SaslSsl:
                config.SecurityProtocol = SecurityProtocol.SaslSsl;
                if (options.SaslMechanism == KafkaSaslMechanism.AwsMskIam)
                {
                    config.SaslMechanism = SaslMechanism.OAuthBearer;
                }
                else
                {
                    config.SaslMechanism = SaslMechanism.ScramSha512;
                    config.SaslUsername = options.SaslUsername;
                    config.SaslPassword = options.SaslPassword;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.SecurityProtocol, "Unknown security protocol.");
        }
    }
}
