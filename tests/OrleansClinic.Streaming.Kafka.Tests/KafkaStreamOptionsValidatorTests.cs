using Orleans.Runtime;

namespace OrleansClinic.Streaming.Kafka.Tests;

public sealed class KafkaStreamOptionsValidatorTests
{
    private static KafkaStreamOptions Valid()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "b-1.msk:9096" };
        options.Topics.Add("appointments");
        return options;
    }

    [Fact]
    public void Plaintext_development_settings_pass() => new KafkaStreamOptionsValidator(Valid(), "kafka").ValidateConfiguration();

    [Fact]
    public void Scram_over_tls_with_credentials_passes()
    {
        var options = Valid();
        options.SecurityProtocol = KafkaSecurityProtocol.SaslSsl;
        options.SaslUsername = "clinic";
        options.SaslPassword = "secret";
        new KafkaStreamOptionsValidator(options, "kafka").ValidateConfiguration();
    }

    public static TheoryData<string> BadSettings() =>
    [
        "no-bootstrap", "no-topics", "duplicate-topic", "zero-partitions", "no-group", "sasl-without-tls",
        "scram-without-password", "iam-without-token-provider", "negative-cache-retention", "hour-long-cache-retention",
    ];

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Unsafe_or_incomplete_settings_are_rejected(string problem)
    {
        var options = Valid();
        switch (problem)
        {
            case "no-bootstrap": options.BootstrapServers = " "; break;
            case "no-topics": options.Topics.Clear(); break;
            case "duplicate-topic": options.Topics.Add("appointments"); break;
            case "zero-partitions": options.PartitionsPerTopic = 0; break;
            case "no-group": options.ConsumerGroupId = ""; break;
            case "negative-cache-retention": options.CacheRetention = TimeSpan.FromSeconds(-1); break;
            case "hour-long-cache-retention": options.CacheRetention = TimeSpan.FromHours(1); break;
            case "sasl-without-tls":
                options.SecurityProtocol = KafkaSecurityProtocol.Plaintext;
                options.SaslUsername = "clinic";
                options.SaslPassword = "secret";
                break;
            case "scram-without-password":
                options.SecurityProtocol = KafkaSecurityProtocol.SaslSsl;
                options.SaslUsername = "clinic";
                break;
            case "iam-without-token-provider":
                options.SecurityProtocol = KafkaSecurityProtocol.SaslSsl;
                options.SaslMechanism = KafkaSaslMechanism.AwsMskIam;
                break;
        }

        Assert.Throws<OrleansConfigurationException>(() => new KafkaStreamOptionsValidator(options, "kafka").ValidateConfiguration());
    }
}
