using System.Threading.Channels;

namespace OrleansClinic.Gateway.Live;

/// <summary>
/// One SSE client's view of a shared stream: an optional resync to send first, then a bounded queue holding the replay
/// and the live events. Dispose it when the client leaves so the hub can release the stream's subscription.
/// </summary>
public sealed class LiveConnection : IDisposable
{
    private readonly Channel<LiveEvent> queue;
    private readonly Action<LiveConnection> leave;
    private long cursor;
    private int disposed;

    internal LiveConnection(LiveStream stream, int capacity, LiveResync? resync, long cursor, Action<LiveConnection> leave)
    {
        Stream = stream;
        Resync = resync;
        this.cursor = cursor;
        this.leave = leave;
        queue = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The stream watched.</summary>
    public LiveStream Stream { get; }

    /// <summary>The resync to send before any event, when the client's Last-Event-ID could not be replayed.</summary>
    public LiveResync? Resync { get; }

    /// <summary>The events to send, oldest first; completes when the client fell too far behind or the hub shuts down.</summary>
    public ChannelReader<LiveEvent> Events => queue.Reader;

    /// <summary>True when the queue overflowed and the connection was cut off; the client resumes with Last-Event-ID.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Leaves the stream.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            queue.Writer.TryComplete();
            leave(this);
        }
    }

    /// <summary>Queues <paramref name="live"/> unless the client already has it; false when the queue is full and the connection is now cut off.</summary>
    internal bool Offer(LiveEvent live)
    {
        // Ids the client already has can reach it when its Last-Event-ID came from a newer gateway than this buffer.
        if (live.Id <= cursor)
        {
            return true;
        }

        if (queue.Writer.TryWrite(live))
        {
            cursor = live.Id;
            return true;
        }

        // Never wait for a slow reader: that would hold back every other client of the stream.
        Overflowed = true;
        queue.Writer.TryComplete();
        return false;
    }

    internal void Close() => queue.Writer.TryComplete();
}
