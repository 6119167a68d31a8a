using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Live;

/// <summary>
/// Shares one Orleans subscription per stream among all the SSE connections that watch it, and keeps it (with its
/// replay buffer) for a grace period after the last one leaves so that reconnects can resume.
/// </summary>
public sealed class LiveStreamHub : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly IClusterClient client;
    private readonly LiveUpdatesOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<LiveStreamHub> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<LiveStream, LiveSubscription> subscriptions = [];
    private bool disposed;

    /// <summary>A hub subscribing through <paramref name="client"/>.</summary>
    public LiveStreamHub(IClusterClient client, IOptions<LiveUpdatesOptions> options, TimeProvider time, ILogger<LiveStreamHub> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Streams with a subscription now, including those in their grace period.</summary>
    public int SubscriptionCount
    {
        get
        {
            lock (gate)
            {
                return subscriptions.Count;
            }
        }
    }

    /// <summary>
    /// Joins <paramref name="stream"/>, subscribing first when this gateway has no subscription to it. With
    /// <paramref name="lastEventId"/> the connection starts with the buffered events after it, or with a resync when the
    /// buffer does not reach back that far.
    /// </summary>
    public async Task<LiveConnection> Connect(LiveStream stream, long? lastEventId, CancellationToken cancellationToken = default)
    {
        LiveSubscription subscription;
        var isNew = false;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);

            // Created and counted under the lock, started by its creator only: callers arriving together share one subscription.
            if (!subscriptions.TryGetValue(stream, out subscription!) || subscription.Started.IsFaulted)
            {
                subscription = new LiveSubscription(stream, options, logger);
                subscriptions[stream] = subscription;
                isNew = true;
            }

            subscription.References++;
            CancelGrace(subscription);
        }

        if (isNew)
        {
            logger.LogDebug("Subscribing to {Stream}", stream);
            _ = subscription.Start(client);
        }

        try
        {
            await subscription.Started.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(subscription, null);
            throw;
        }

        return subscription.Attach(lastEventId, connection => Release(subscription, connection));
    }

    /// <summary>Ends every subscription and connection.</summary>
    public async ValueTask DisposeAsync()
    {
        LiveSubscription[] all;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            all = [.. subscriptions.Values];
            subscriptions.Clear();
            foreach (var subscription in all)
            {
                CancelGrace(subscription);
            }
        }

        await Task.WhenAll(all.Select(StopQuietly));
    }

    private static void CancelGrace(LiveSubscription subscription)
    {
        subscription.GraceGeneration++;
        subscription.Grace?.Dispose();
        subscription.Grace = null;
    }

    private void Release(LiveSubscription subscription, LiveConnection? connection)
    {
        if (connection is not null)
        {
            subscription.Detach(connection);
        }

        lock (gate)
        {
            if (--subscription.References > 0
                || !subscriptions.TryGetValue(subscription.Stream, out var current)
                || current != subscription)
            {
                return;
            }

            if (subscription.Started.IsFaulted)
            {
                subscriptions.Remove(subscription.Stream);
                return;
            }

            var generation = ++subscription.GraceGeneration;
            subscription.Grace = time.CreateTimer(_ => Expire(subscription, generation), null, options.SubscriptionGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire(LiveSubscription subscription, long generation)
    {
        lock (gate)
        {
            // A connection that arrived, or left again, since this timer was set has moved the generation on.
            if (subscription.References > 0
                || subscription.GraceGeneration != generation
                || !subscriptions.TryGetValue(subscription.Stream, out var current)
                || current != subscription)
            {
                return;
            }

            subscriptions.Remove(subscription.Stream);
            CancelGrace(subscription);
        }

        logger.LogDebug("Unsubscribing from {Stream}: no connection for {Grace}", subscription.Stream, options.SubscriptionGrace);
        _ = StopQuietly(subscription);
    }

    private async Task StopQuietly(LiveSubscription subscription)
    {
        try
        {
            await subscription.Stop().WaitAsync(StopTimeout);
        }
#pragma warning disable CA1031 // a subscription that cannot be ended is left to Orleans' own clean-up of dead consumers
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Could not unsubscribe from {Stream}", subscription.Stream);
        }
    }
}
