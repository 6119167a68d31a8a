using OrleansClinic.Gateway.Live;

namespace OrleansClinic.Gateway.Tests.Live;

public sealed class LiveStreamHubTests(LiveStreamCluster cluster) : IClassFixture<LiveStreamCluster>, IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly List<LiveStreamHub> hubs = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }
    }

    private LiveStreamHub Hub(Action<LiveUpdatesOptions>? configure = null)
    {
        var hub = cluster.Hub(configure);
        hubs.Add(hub);
        return hub;
    }

    private static LiveStream NewStream() => LiveStream.Doctor("d-" + Guid.NewGuid().ToString("N")[..12]);

    private static async Task<LiveEvent> Next(LiveConnection connection)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await connection.Events.ReadAsync(timeout.Token);
    }

    private static async Task<long[]> Next(LiveConnection connection, int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await Next(connection)).Id;
        }

        return ids;
    }

    [Fact]
    public async Task Two_connections_arriving_together_share_one_subscription_and_both_get_every_event()
    {
        var hub = Hub();
        var stream = NewStream();
        var connections = await Task.WhenAll(hub.Connect(stream, null), hub.Connect(stream, null));

        Assert.Equal(1, hub.SubscriptionCount);
        Assert.Equal(1, await cluster.Subscriptions(stream));
        await cluster.Publish(stream, 10);
        await cluster.Publish(stream, 11);
        Assert.Equal(new long[] { 10, 11 }, await Next(connections[0], 2));
        Assert.Equal(new long[] { 10, 11 }, await Next(connections[1], 2));
        Assert.All(connections, c => Assert.Null(c.Resync));
    }

    [Fact]
    public async Task The_data_is_the_envelope_with_the_payload_as_entity()
    {
        var hub = Hub();
        var stream = NewStream();
        using var connection = await hub.Connect(stream, null);
        await cluster.Publish(stream, 5, "e-five", "slot.released");

        var live = await Next(connection);
        Assert.Equal((5L, "e-five", "slot.released"), (live.Id, live.EventId, live.Type));
        Assert.Equal(
            """{"eventId":"e-five","type":"slot.released","occurredAt":"2026-03-01T09:00:00.000000Z","correlationId":"c-5","entity":{"offset":5}}""",
            live.Data);
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_period_replays_what_came_after_its_last_event_id()
    {
        var hub = Hub();
        var stream = NewStream();
        using (var first = await hub.Connect(stream, null))
        {
            await cluster.Publish(stream, 20);
            await cluster.Publish(stream, 21);
            Assert.Equal(new long[] { 20, 21 }, await Next(first, 2));
        }

        // Published while nobody is connected: only the buffer can give it to the client.
        await cluster.Publish(stream, 22);
        await WaitUntil(async () =>
        {
            // Delivery is asynchronous: probe the buffer until it holds 22.
            using var probe = await hub.Connect(stream, 21);
            return probe.Events.TryRead(out var next) && next.Id == 22;
        });

        using var again = await hub.Connect(stream, 20);
        Assert.Null(again.Resync);
        Assert.Equal(new long[] { 21, 22 }, await Next(again, 2));
        await cluster.Publish(stream, 23);
        Assert.Equal(23L, (await Next(again)).Id);
        Assert.Equal(1, await cluster.Subscriptions(stream));
    }

    [Fact]
    public async Task A_last_event_id_older_than_the_buffer_gets_a_resync_then_live_events()
    {
        var hub = Hub(o => o.ReplayBufferSize = 2);
        var stream = NewStream();
        using (var watcher = await hub.Connect(stream, null))
        {
            foreach (var offset in new long[] { 30, 31, 32 })
            {
                await cluster.Publish(stream, offset);
            }

            Assert.Equal(new long[] { 30, 31, 32 }, await Next(watcher, 3));
        }

        using var stale = await hub.Connect(stream, 30);
        Assert.Equal(new LiveResync(32, LiveResync.NotBuffered), stale.Resync);
        await cluster.Publish(stream, 33);
        Assert.Equal(33L, (await Next(stale)).Id);

        // Still covered: with 33 added, 32 is the oldest buffered id.
        using var fresh = await hub.Connect(stream, 32);
        Assert.Null(fresh.Resync);
        Assert.Equal(33L, (await Next(fresh)).Id);
    }

    [Fact]
    public async Task A_last_event_id_on_a_stream_with_nothing_buffered_gets_a_resync()
    {
        using var connection = await Hub().Connect(NewStream(), 5);
        Assert.Equal(new LiveResync(null, LiveResync.NotBuffered), connection.Resync);
    }

    [Fact]
    public async Task An_event_id_seen_again_under_a_new_offset_is_dropped()
    {
        var hub = Hub();
        var stream = NewStream();
        using var connection = await hub.Connect(stream, null);
        await cluster.Publish(stream, 40, "e-a");
        await cluster.Publish(stream, 41, "e-a");
        await cluster.Publish(stream, 42, "e-b");

        var first = await Next(connection);
        var second = await Next(connection);
        Assert.Equal(("e-a", 40L), (first.EventId, first.Id));
        Assert.Equal(("e-b", 42L), (second.EventId, second.Id));
    }

    [Fact]
    public async Task An_offset_at_or_below_the_last_delivered_is_dropped()
    {
        var hub = Hub();
        var stream = NewStream();
        using var connection = await hub.Connect(stream, null);
        await cluster.Publish(stream, 50);
        await cluster.Publish(stream, 51);
        await cluster.Publish(stream, 45, "e-rebalanced");
        await cluster.Publish(stream, 51, "e-again");
        await cluster.Publish(stream, 52);

        Assert.Equal(new long[] { 50, 51, 52 }, await Next(connection, 3));
    }

    [Fact]
    public async Task A_slow_connection_is_cut_off_without_holding_back_the_others()
    {
        var hub = Hub(o => o.ConnectionQueue = 2);
        var stream = NewStream();
        using var slow = await hub.Connect(stream, null);
        using var fast = await hub.Connect(stream, null);
        var received = new List<long>();
        for (var offset = 60L; offset < 65; offset++)
        {
            await cluster.Publish(stream, offset);
            received.Add((await Next(fast)).Id);
        }

        Assert.Equal([60L, 61L, 62L, 63L, 64L], received);
        Assert.True(slow.Overflowed);
        Assert.Equal(new long[] { 60, 61 }, await Next(slow, 2));
        Assert.False(await slow.Events.WaitToReadAsync());
    }

    [Fact]
    public async Task The_subscription_ends_after_the_grace_period_once_the_last_connection_left()
    {
        var hub = Hub(o => o.SubscriptionGrace = TimeSpan.FromMilliseconds(200));
        var stream = NewStream();
        var first = await hub.Connect(stream, null);
        var second = await hub.Connect(stream, null);
        first.Dispose();
        await Task.Delay(500);
        Assert.Equal(1, hub.SubscriptionCount);

        second.Dispose();
        await WaitUntil(async () => hub.SubscriptionCount == 0 && await cluster.Subscriptions(stream) == 0);
    }

    [Fact]
    public async Task A_connection_arriving_in_the_grace_period_keeps_the_subscription()
    {
        var hub = Hub(o => o.SubscriptionGrace = TimeSpan.FromMilliseconds(300));
        var stream = NewStream();
        (await hub.Connect(stream, null)).Dispose();
        using var back = await hub.Connect(stream, null);
        await Task.Delay(700);

        Assert.Equal(1, hub.SubscriptionCount);
        await cluster.Publish(stream, 70);
        Assert.Equal(70L, (await Next(back)).Id);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }
}
