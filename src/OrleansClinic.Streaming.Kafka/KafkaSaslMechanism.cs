namespace OrleansClinic.Streaming.Kafka;

/// <summary>The SASL mechanism used with <see cref="KafkaSecurityProtocol.SaslSsl"/>.</summary>
public enum KafkaSaslMechanism
{
    /// <summary>SCRAM-SHA-512 with <see cref="KafkaStreamOptions.SaslUsername"/> and <see cref="KafkaStreamOptions.SaslPassword"/>.</summary>
    ScramSha512,

    /// <summary>
    /// AWS MSK IAM, carried as SASL OAUTHBEARER: needs <see cref="KafkaStreamOptions.OAuthBearerTokenRefreshHandler"/>
    /// to supply signed tokens.
    /// </summary>
    AwsMskIam,
}
