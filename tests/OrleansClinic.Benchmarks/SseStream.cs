using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>An SSE response read line by line on a task of its own, until the server ends it or this is disposed.</summary>
internal abstract class SseStream(HttpResponseMessage response) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task pump = Task.CompletedTask;

    /// <summary>Why the stream ended before this client closed it, or null while it runs.</summary>
    public string? Ended { get; private set; }

    /// <inheritdoc />
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

    /// <summary>Starts reading, once the subclass is ready for its first line; a small buffer keeps many streams cheap.</summary>
    protected void Start(int bufferSize = 4096) => pump = Task.Run(() => Pump(bufferSize));

    /// <summary>Takes one line of the stream, as it arrives.</summary>
    protected abstract void OnLine(string line);

    /// <summary>Called once the stream has ended, for whatever reason.</summary>
    protected virtual void OnEnded()
    {
    }

    private async Task Pump(int bufferSize)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
            using var reader = new StreamReader(body, Encoding.UTF8, false, bufferSize);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                OnLine(line);
            }

            Ended = "the server closed the stream";
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            Ended = "the stream failed: " + e.Message;
        }

        OnEnded();
    }
}
