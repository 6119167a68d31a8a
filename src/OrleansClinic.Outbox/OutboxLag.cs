namespace OrleansClinic.Outbox;

/// <summary>How far the relay is behind: unsent rows, when the oldest of them was written, and the store's clock then.</summary>
public sealed record OutboxLag(long UnsentCount, DateTimeOffset? OldestUnsentCreatedAt, DateTimeOffset StoreNow)
{
    /// <summary>Nothing waiting.</summary>
    public static OutboxLag None { get; } = new(0, null, DateTimeOffset.MinValue);

    /// <summary>Age of the oldest unsent row on the store's clock, zero when nothing waits.</summary>
    public TimeSpan OldestUnsentAge => OldestUnsentCreatedAt is { } oldest && StoreNow > oldest ? StoreNow - oldest : TimeSpan.Zero;
}
