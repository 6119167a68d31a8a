namespace OrleansClinic.Gateway.Live;

/// <summary>Settings of the SSE live updates, bound from <c>Clinic:Live</c>.</summary>
public sealed class LiveUpdatesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Clinic:Live";

    /// <summary>Longest heartbeat interval allowed: the API promises a heartbeat at least every 15 s.</summary>
    public static readonly TimeSpan MaxHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Events kept per stream for replay after a reconnect.</summary>
    public int ReplayBufferSize { get; set; } = 512;

    /// <summary>
    /// Event ids remembered per stream to drop events the outbox relay published twice (after a Kafka outage or a relay
    /// takeover); at least <see cref="ReplayBufferSize"/>.
    /// </summary>
    public int DedupeWindow { get; set; } = 10_000;

    /// <summary>Idle time after which a comment heartbeat is sent.</summary>
    public TimeSpan Heartbeat { get; set; } = MaxHeartbeat;

    /// <summary>The reconnection delay suggested to clients with <c>retry:</c>.</summary>
    public TimeSpan RetryHint { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a stream's subscription and buffer outlive its last connection, so that reconnects can replay.</summary>
    public TimeSpan SubscriptionGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Events queued for one connection before it counts as too slow and is closed.</summary>
    public int ConnectionQueue { get; set; } = 1024;
}
