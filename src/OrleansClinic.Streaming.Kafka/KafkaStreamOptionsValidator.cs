using Orleans;
using Orleans.Runtime;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// Rejects <see cref="KafkaStreamOptions"/> that cannot work or would be unsafe in production, when the silo or
/// client starts rather than at the first message.
/// </summary>
/// <param name="options">The options to check.</param>
/// <param name="name">The stream provider's name, for the messages.</param>
public class KafkaStreamOptionsValidator(KafkaStreamOptions options, string? name = null) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        ArgumentNullException.ThrowIfNull(options);

        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            Fail($"{nameof(KafkaStreamOptions.BootstrapServers)} is required");
        }

        if (options.Topics.Count == 0 || options.Topics.Any(string.IsNullOrWhiteSpace))
        {
            Fail($"{nameof(KafkaStreamOptions.Topics)} needs at least one topic, and no empty names");
        }

        if (options.Topics.Distinct(StringComparer.Ordinal).Count() != options.Topics.Count)
        {
            Fail($"{nameof(KafkaStreamOptions.Topics)} lists a topic twice");
        }

        if (options.PartitionsPerTopic < 1)
        {
            Fail($"{nameof(KafkaStreamOptions.PartitionsPerTopic)} must be at least 1");
        }

        if (string.IsNullOrWhiteSpace(options.ConsumerGroupId))
        {
            Fail($"{nameof(KafkaStreamOptions.ConsumerGroupId)} is required");
        }

        if (options.FetchWait < TimeSpan.FromMilliseconds(1) || options.FetchWait > TimeSpan.FromSeconds(30))
        {
            Fail($"{nameof(KafkaStreamOptions.FetchWait)} must be between 1 ms and 30 s");
        }

        if (options.CacheRetention < TimeSpan.Zero || options.CacheRetention > TimeSpan.FromMinutes(5))
        {
            Fail($"{nameof(KafkaStreamOptions.CacheRetention)} must be between 0 and 5 minutes");
        }

        if (options.BatchSize < 1)
        {
            Fail($"{nameof(KafkaStreamOptions.BatchSize)} must be at least 1");
        }

        if (!Enum.IsDefined(options.SecurityProtocol))
        {
            Fail($"{nameof(KafkaStreamOptions.SecurityProtocol)} '{options.SecurityProtocol}' is not valid");
        }

        var hasCredentials = !string.IsNullOrEmpty(options.SaslUsername) || !string.IsNullOrEmpty(options.SaslPassword);
        if (options.SecurityProtocol != KafkaSecurityProtocol.SaslSsl)
        {
            // Credentials configured without SASL over TLS would be ignored, or worse, sent where they can be read.
            if (hasCredentials || options.OAuthBearerTokenRefreshHandler is not null)
            {
                Fail($"SASL credentials are configured but {nameof(KafkaStreamOptions.SecurityProtocol)} is " +
                     $"{options.SecurityProtocol}; SASL is allowed only over TLS ({nameof(KafkaSecurityProtocol.SaslSsl)})");
            }

            return;
        }

        switch (options.SaslMechanism)
        {
            case KafkaSaslMechanism.ScramSha512:
                if (string.IsNullOrEmpty(options.SaslUsername) || string.IsNullOrEmpty(options.SaslPassword))
                {
                    Fail($"SCRAM-SHA-512 needs {nameof(KafkaStreamOptions.SaslUsername)} and {nameof(KafkaStreamOptions.SaslPassword)}");
                }

                break;
            case KafkaSaslMechanism.AwsMskIam:
                if (options.OAuthBearerTokenRefreshHandler is null)
                {
                    Fail($"AWS MSK IAM needs an {nameof(KafkaStreamOptions.OAuthBearerTokenRefreshHandler)} that supplies signed OAUTHBEARER tokens");
                }

                if (hasCredentials)
                {
                    Fail("AWS MSK IAM takes no SASL user name or password");
                }

                break;
            default:
                Fail($"{nameof(KafkaStreamOptions.SaslMechanism)} '{options.SaslMechanism}' is not valid");
                break;
        }
    }

    private void Fail(string problem) =>
        throw new OrleansConfigurationException($"Kafka stream provider '{name}': {problem}.");
}
