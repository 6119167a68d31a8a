namespace OrleansClinic.Notifications.Channels;

/// <summary>What a provider said to one send: accepted (with its id), try again later, or refused for good.</summary>
/// <param name="Status">The kind of answer.</param>
/// <param name="ProviderId">The provider's message id, when accepted.</param>
/// <param name="RetryAfter">How long the provider asked us to wait, when it did.</param>
/// <param name="Error">Why not, without the message or the recipient.</param>
public sealed record SendOutcome(SendStatus Status, string? ProviderId = null, TimeSpan? RetryAfter = null, string? Error = null)
{
    /// <summary>The provider accepted the message.</summary>
    public static SendOutcome Sent(string? providerId) => new(SendStatus.Sent, providerId);

    /// <summary>Throttled or a server error: may succeed later.</summary>
    public static SendOutcome Transient(string error, TimeSpan? retryAfter = null) => new(SendStatus.Transient, RetryAfter: retryAfter, Error: error);

    /// <summary>Refused (bad number, bad credentials): retrying will not help.</summary>
    public static SendOutcome Permanent(string error) => new(SendStatus.Permanent, Error: error);
}

/// <summary>The kinds of provider answer.</summary>
public enum SendStatus
{
    /// <summary>Accepted.</summary>
    Sent,

    /// <summary>May succeed later.</summary>
    Transient,

    /// <summary>Will not succeed.</summary>
    Permanent,
}
