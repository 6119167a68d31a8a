namespace OrleansClinic.Outbox;

/// <summary>How far the relay is behind: unsent rows, when the oldest of them was written, and the database's clock then.</summary>
internal sealed record OutboxLag(long UnsentCount, DateTimeOffset? OldestUnsentCreatedAt, DateTimeOffset DatabaseNow)
{
    public static OutboxLag None { get; } = new(0, null, DateTimeOffset.MinValue);

    /// <summary>Age of the oldest unsent row on the database's clock, zero when nothing waits.</summary>
    public TimeSpan OldestUnsentAge => OldestUnsentCreatedAt is { } oldest && DatabaseNow > oldest ? DatabaseNow - oldest : TimeSpan.Zero;
}
