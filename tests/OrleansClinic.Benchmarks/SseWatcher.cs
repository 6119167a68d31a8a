using System.Globalization;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// One of many held SSE connections: it keeps no event, only whether the stream opened, how many events of one type
/// arrived and whether any id came twice, so that ten thousand of them cost this process little.
/// </summary>
internal sealed class SseWatcher : IAsyncDisposable
{
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private readonly HttpResponseMessage response;
    private readonly string counted;
    private readonly Task pump;
    private int count;

    private SseWatcher(HttpResponseMessage response, string counted)
    {
        this.response = response;
        this.counted = counted;
        pump = Task.Run(Pump);
    }

    /// <summary>Completes when the first line of the stream (the hub's <c>retry:</c>) arrived; faults when the stream ended first.</summary>
    public Task Opened => opened.Task;

    /// <summary>Events of the counted type so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Events whose id was not above the previous one: a repeat.</summary>
    public int Repeats { get; private set; }

    /// <summary>Why the stream ended before this client closed it, or null while it runs.</summary>
    public string? Ended { get; private set; }

    /// <summary>Opens <paramref name="path"/> as <paramref name="client"/> and counts its events of type <paramref name="counted"/>.</summary>
    public static async Task<SseWatcher> Open(ClinicClient client, string path, string counted) =>
        new(await client.OpenStream(path), counted);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try
        {
            await pump;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // Tearing down the connection ends the pump with whatever the socket threw.
        }

        stop.Dispose();
    }

    private async Task Pump()
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
            using var reader = new StreamReader(body, Encoding.UTF8, false, 1024);
            long lastId = -1;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
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

            Ended = "the server closed the stream";
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            Ended = "the stream failed: " + e.Message;
        }

        opened.TrySetException(new IOException(Ended ?? "closed before it opened"));
    }
}
