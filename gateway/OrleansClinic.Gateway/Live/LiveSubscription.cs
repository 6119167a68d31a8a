using Orleans.Streams;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Gateway.Live;

/// <summary>
/// The one Orleans subscription of a stream in this gateway: it filters re-deliveries through the replay buffer and fans
/// each new event out to the stream's connections. Its reference count and grace timer belong to <see cref="LiveStreamHub"/>.
/// </summary>
internal sealed class LiveSubscription(LiveStream stream, LiveUpdatesOptions options, ILogger logger) : IAsyncObserver<KafkaExternalEvent>
{
    private readonly Lock sync = new();
    private readonly ReplayBuffer buffer = new(options.ReplayBufferSize, options.DedupeWindow);
    private readonly List<LiveConnection> connections = [];
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StreamSubscriptionHandle<KafkaExternalEvent>? handle;

    public LiveStream Stream => stream;

    /// <summary>Completes once the Orleans subscription exists; faults when it could not be made.</summary>
    public Task Started => started.Task;

    /// <summary>Connections holding this subscription; guarded by the hub's lock.</summary>
    public int References { get; set; }

    /// <summary>Identifies the current grace timer so that a superseded one does nothing; guarded by the hub's lock.</summary>
    public long GraceGeneration { get; set; }

    /// <summary>The timer that ends the subscription after the last connection left; guarded by the hub's lock.</summary>
    public ITimer? Grace { get; set; }

    public async Task Start(IClusterClient client)
    {
        try
        {
            var orleansStream = client.GetStreamProvider(ClinicEventStreams.ProviderName).GetStream<KafkaExternalEvent>(stream.Id);
            handle = await orleansStream.SubscribeAsync(this);
            started.TrySetResult();
        }
#pragma warning disable CA1031 // whatever failed is handed to every connection waiting on Started
        catch (Exception e)
#pragma warning restore CA1031
        {
            started.TrySetException(e);
        }
    }

    public async Task Stop()
    {
        lock (sync)
        {
            foreach (var connection in connections)
            {
                connection.Close();
            }

            connections.Clear();
        }

        // A stop can follow a start that is still in flight when its only caller gave up waiting.
        try
        {
            await Started;
        }
        catch (Exception) when (Started.IsFaulted)
        {
            return;
        }

        if (handle is not null)
        {
            await handle.UnsubscribeAsync();
        }
    }

    /// <summary>A connection that first gets what it missed after <paramref name="lastEventId"/>, or a resync when that is not buffered.</summary>
    public LiveConnection Attach(long? lastEventId, Action<LiveConnection> leave)
    {
        lock (sync)
        {
            // Replay and registration happen under one lock so that no event falls between them.
            var replay = lastEventId is { } last ? buffer.After(last) : [];
            var resync = replay is null ? new LiveResync(buffer.LastId, LiveResync.NotBuffered) : null;
            var cursor = replay is null ? -1 : lastEventId ?? -1;
            var connection = new LiveConnection(stream, options.ConnectionQueue + (replay?.Count ?? 0), resync, cursor, leave);
            foreach (var live in replay ?? [])
            {
                connection.Offer(live);
            }

            connections.Add(connection);
            return connection;
        }
    }

    public void Detach(LiveConnection connection)
    {
        lock (sync)
        {
            connections.Remove(connection);
        }
    }

    public Task OnNextAsync(KafkaExternalEvent item, StreamSequenceToken? token = null)
    {
        if (LiveEvent.From(item) is not { } live)
        {
            logger.LogWarning("Skipped event {EventId} at offset {Offset} of {Stream}: its value is not an event envelope", item.EventId, item.Offset, stream);
            return Task.CompletedTask;
        }

        lock (sync)
        {
            if (!buffer.TryAdd(live))
            {
                LiveTracing.Delivered(stream, item, 0, repeat: true);
                logger.LogDebug("Dropped re-delivered event {EventId} at offset {Offset} of {Stream}", live.EventId, live.Id, stream);
                return Task.CompletedTask;
            }

            var cutOff = connections.RemoveAll(c => !c.Offer(live));
            LiveTracing.Delivered(stream, item, connections.Count, repeat: false);
            if (cutOff > 0)
            {
                logger.LogInformation("Closed {Count} live connection(s) to {Stream} that fell {Queue} events behind", cutOff, stream, options.ConnectionQueue);
            }
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "The Orleans stream {Stream} reported an error", stream);
        return Task.CompletedTask;
    }
}
