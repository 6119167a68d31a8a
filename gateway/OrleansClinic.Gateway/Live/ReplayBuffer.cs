namespace OrleansClinic.Gateway.Live;

/// <summary>
/// The newest events of one stream, for replay after a reconnect, and the filter that keeps re-deliveries out: an event
/// whose id is not above the last one accepted (a rebalance re-reads) or whose event id is among the last
/// <see cref="DedupeWindow"/> accepted (the relay re-published it under a new offset) is refused. Not thread-safe; its
/// owner locks.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly Queue<LiveEvent> events;
    private readonly HashSet<string> eventIds = new(StringComparer.Ordinal);
    private readonly Queue<string> recentEventIds = new();

    /// <summary>
    /// A buffer that keeps at most <paramref name="capacity"/> events and remembers the event ids of the last
    /// <paramref name="dedupeWindow"/> (at least <paramref name="capacity"/>).
    /// </summary>
    public ReplayBuffer(int capacity, int dedupeWindow = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        DedupeWindow = Math.Max(capacity, dedupeWindow);
        events = new Queue<LiveEvent>(Math.Min(capacity, 64));
    }

    /// <summary>How many of the latest event ids are remembered to refuse re-published events.</summary>
    public int DedupeWindow { get; }

    /// <summary>Most events kept.</summary>
    public int Capacity { get; }

    /// <summary>Events kept now.</summary>
    public int Count => events.Count;

    /// <summary>Id of the oldest event kept, or null when empty.</summary>
    public long? OldestId => events.TryPeek(out var oldest) ? oldest.Id : null;

    /// <summary>Id of the newest event accepted, or null when none was.</summary>
    public long? LastId { get; private set; }

    /// <summary>Keeps <paramref name="live"/> (evicting the oldest when full) unless it is a re-delivery; true when kept.</summary>
    public bool TryAdd(LiveEvent live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (live.Id <= LastId || (live.EventId.Length > 0 && eventIds.Contains(live.EventId)))
        {
            return false;
        }

        if (events.Count == Capacity)
        {
            events.Dequeue();
        }

        events.Enqueue(live);
        if (live.EventId.Length > 0)
        {
            // A relay re-publishes after an outage or a takeover, possibly thousands of events later: ids outlive events.
            eventIds.Add(live.EventId);
            recentEventIds.Enqueue(live.EventId);
            if (recentEventIds.Count > DedupeWindow)
            {
                eventIds.Remove(recentEventIds.Dequeue());
            }
        }

        LastId = live.Id;
        return true;
    }

    /// <summary>
    /// The events after <paramref name="lastEventId"/>, oldest first, or null when the buffer does not cover that point:
    /// it is empty, or <paramref name="lastEventId"/> is older than its oldest event, so events in between may be lost.
    /// </summary>
    public IReadOnlyList<LiveEvent>? After(long lastEventId)
    {
        // Offsets of one key are not contiguous (the partition holds other keys too), so the only proof that nothing
        // was missed is that the client saw an event the buffer still holds.
        if (OldestId is not { } oldest || lastEventId < oldest)
        {
            return null;
        }

        return [.. events.Where(e => e.Id > lastEventId)];
    }
}
