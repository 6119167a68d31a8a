using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Benchmarks;

/// <summary>One SSE event and when this client finished reading it.</summary>
internal sealed record SseArrival(DateTimeOffset At, string? Id, string Type, string Data);

/// <summary>
/// Reads an event stream as EventSource does and timestamps every event; it does nothing else on the read path, so
/// that the stamps are arrival times and a slow reader does not trip the hub's slow-connection limit.
/// </summary>
internal sealed class SseClient : SseStream
{
    private readonly Lock gate = new();
    private readonly List<SseArrival> arrivals = [];
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly SseEventAssembler events = new();

    private SseClient(HttpResponseMessage response)
        : base(response) => Start();

    /// <summary>Opens <paramref name="path"/> as <paramref name="client"/>.</summary>
    public static async Task<SseClient> Open(ClinicClient client, string path) => new(await client.OpenStream(path));

    /// <summary>How many events of <paramref name="type"/> arrived so far.</summary>
    public int Count(string type)
    {
        lock (gate)
        {
            return counts.GetValueOrDefault(type);
        }
    }

    /// <summary>Every event so far.</summary>
    public IReadOnlyList<SseArrival> Snapshot()
    {
        lock (gate)
        {
            return [.. arrivals];
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> events of <paramref name="type"/> arrived; gives up (false) once none has
    /// arrived for <paramref name="quiet"/>, or the stream ended.
    /// </summary>
    public async Task<bool> WaitFor(string type, int count, TimeSpan quiet)
    {
        var (last, since) = (Count(type), DateTime.UtcNow);
        while (true)
        {
            var now = Count(type);
            if (now >= count)
            {
                return true;
            }

            if (now != last)
            {
                (last, since) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since > quiet || Ended is not null)
            {
                return false;
            }

            // Polling only decides when to stop waiting; arrival times are stamped by the pump.
            await Task.Delay(5);
        }
    }

    /// <inheritdoc />
    protected override void OnLine(string line)
    {
        if (events.Take(line) is { } sse)
        {
            Add(new SseArrival(DateTimeOffset.UtcNow, sse.Id, sse.Type, sse.Data));
        }
    }

    private void Add(SseArrival arrival)
    {
        lock (gate)
        {
            arrivals.Add(arrival);
            counts[arrival.Type] = counts.GetValueOrDefault(arrival.Type) + 1;
        }
    }
}
