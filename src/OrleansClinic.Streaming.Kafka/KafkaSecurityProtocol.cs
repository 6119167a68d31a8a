namespace OrleansClinic.Streaming.Kafka;

/// <summary>How the provider's Kafka clients connect to the brokers.</summary>
public enum KafkaSecurityProtocol
{
    /// <summary>No TLS and no authentication: development and the in-process mock cluster only.</summary>
    Plaintext,

    /// <summary>TLS, no SASL authentication (MSK's TLS listener, optionally with mutual TLS).</summary>
    Ssl,

    /// <summary>SASL authentication over TLS (MSK's SCRAM or IAM listeners).</summary>
    SaslSsl,
}
