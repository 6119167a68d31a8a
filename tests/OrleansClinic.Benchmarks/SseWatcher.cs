using System.Globalization;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// One of many held SSE connections: it keeps no event, only whether the stream opened, how many events of one type
/// arrived and whether any id came twice, so that ten thousand of them cost this process little.
/// </summary>
internal sealed class SseWatcher : SseStream
{
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string counted;
    private int count;
    private long lastId = -1;

    private SseWatcher(HttpResponseMessage response, string counted)
        : base(response)
    {
        this.counted = counted;
        Start(bufferSize: 1024);
    }

    /// <summary>Completes when the first line of the stream (the hub's <c>retry:</c>) arrived; faults when the stream ended first.</summary>
    public Task Opened => opened.Task;

    /// <summary>Events of the counted type so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Events whose id was not above the previous one: a repeat.</summary>
    public int Repeats { get; private set; }

    /// <summary>Opens <paramref name="path"/> as <paramref name="client"/> and counts its events of type <paramref name="counted"/>.</summary>
    public static async Task<SseWatcher> Open(ClinicClient client, string path, string counted) =>
        new(await client.OpenStream(path), counted);

    /// <inheritdoc />
    protected override void OnLine(string line)
    {
        opened.TrySetResult();
        if (line.StartsWith("id:", StringComparison.Ordinal)
            && long.TryParse(line.AsSpan(3).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            Repeats += id <= lastId ? 1 : 0;
            lastId = Math.Max(lastId, id);
        }
        else if (line.StartsWith("event:", StringComparison.Ordinal) && line.AsSpan(6).Trim().SequenceEqual(counted))
        {
            Interlocked.Increment(ref count);
        }
    }

    /// <inheritdoc />
    protected override void OnEnded() => opened.TrySetException(new IOException(Ended ?? "closed before it opened"));
}
