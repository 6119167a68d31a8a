using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Gateway.Tests;

/// <summary>One dispatched Server-Sent Event.</summary>
public sealed record SseMessage(string? Id, string Event, string Data)
{
    /// <summary>The id as the number the clinic sends.</summary>
    public long Offset => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The data's JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();

    /// <summary>The event id inside the data.</summary>
    public string EventId => Json.GetProperty("eventId").GetString()!;
}

/// <summary>A test client of an SSE endpoint: parses the stream as a browser's EventSource does and queues the events.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly Channel<SseMessage> messages = Channel.CreateUnbounded<SseMessage>();
    private readonly CancellationTokenSource stop = new();
    private readonly SseEventAssembler events = new();
    private readonly HttpResponseMessage response;
    private readonly Task pump;

    private SseReader(HttpResponseMessage response)
    {
        this.response = response;
        pump = Task.Run(Pump);
    }

    /// <summary>The <c>retry:</c> hint, once received.</summary>
    public int? Retry => events.Retry;

    /// <summary>How many comment lines (heartbeats) arrived.</summary>
    public int Comments => events.Comments;

    /// <summary>True once the server ended the stream.</summary>
    public bool Ended { get; private set; }

    public static async Task<SseReader> Open(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response);
    }

    /// <summary>Waits for the next event, or null after <paramref name="timeout"/>.</summary>
    public async Task<SseMessage?> Next(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await messages.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads events until <paramref name="enough"/> holds for what was read or <paramref name="timeout"/> passes.</summary>
    public async Task<List<SseMessage>> ReadUntil(Func<IReadOnlyList<SseMessage>, bool> enough, TimeSpan timeout)
    {
        var read = new List<SseMessage>();
        var deadline = DateTime.UtcNow + timeout;
        while (!enough(read) && DateTime.UtcNow < deadline)
        {
            if (await Next(deadline - DateTime.UtcNow) is { } message)
            {
                read.Add(message);
            }
        }

        return read;
    }

    /// <summary>Every event that arrives within <paramref name="quiet"/> of the previous one.</summary>
    public async Task<List<SseMessage>> Drain(TimeSpan quiet)
    {
        var read = new List<SseMessage>();
        while (await Next(quiet) is { } message)
        {
            read.Add(message);
        }

        return read;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try
        {
            await pump;
        }
        catch (Exception)
        {
            // The pump ends with whatever the torn-down connection threw.
        }

        stop.Dispose();
    }

    private async Task Pump()
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
            using var reader = new StreamReader(body, Encoding.UTF8);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (events.Take(line) is { } sse)
                {
                    messages.Writer.TryWrite(new SseMessage(sse.Id, sse.Type, sse.Data));
                }
            }
        }
        finally
        {
            Ended = true;
            messages.Writer.TryComplete();
        }
    }
}
