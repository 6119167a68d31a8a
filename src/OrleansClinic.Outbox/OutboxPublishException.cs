namespace OrleansClinic.Outbox;

/// <summary>Some rows of a batch were not acknowledged by Kafka; they stay unsent and the relay backs off.</summary>
public sealed class OutboxPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboxPublishException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OutboxPublishException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the delivery failure behind it.</summary>
    public OutboxPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
