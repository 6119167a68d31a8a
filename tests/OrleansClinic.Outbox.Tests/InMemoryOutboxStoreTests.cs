using Microsoft.Extensions.Options;
using OrleansClinic.Streaming.Kafka.Embedded;

namespace OrleansClinic.Outbox.Tests;

public sealed class InMemoryOutboxStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_embedded_outbox_numbers_rows_in_append_order_and_forgets_them_once_sent()
    {
        var store = new InMemoryOutboxStore();
        store.Append([Row("a-1"), Row("a-2"), Row("a-3")]);

        var unsent = await store.ReadUnsentAsync(2, Cancel);
        Assert.Equal([1L, 2L], unsent.Select(r => r.Sequence));
        Assert.Equal(["a-1", "a-2"], unsent.Select(r => r.EntityKey));
        Assert.Equal(3, (await store.ReadLagAsync(Cancel)).UnsentCount);

        await store.MarkSentAsync([1, 2, 2], Cancel);
        Assert.Equal(["a-3"], (await store.ReadUnsentAsync(10, Cancel)).Select(r => r.EntityKey));
        Assert.True(await store.TryAcquireLeaseAsync("anyone", TimeSpan.FromSeconds(1), Cancel));
    }

    [Fact]
    public async Task A_relay_over_the_embedded_outbox_publishes_every_row_to_kafka()
    {
        await using var kafka = new KafkaMockCluster();
        foreach (var topic in RelayHarness.Topics.Concat(RelayHarness.FanOutTopics))
        {
            kafka.CreateTopic(topic, TopicReader.Partitions);
        }

        var store = new InMemoryOutboxStore();
        using var relay = new OutboxRelay(Options.Create(new OutboxRelayOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            PollInterval = TimeSpan.FromMilliseconds(50),
        }), store);
        await relay.StartAsync(Cancel);
        store.Append([Row("a-1"), Row("a-2")]);

        await Eventually.TrueAsync(async () => (await store.ReadLagAsync(Cancel)).UnsentCount == 0, "both rows are sent");
        var received = TopicReader.ReadAll(kafka.BootstrapServers, ["clinic.appointments"], 2);
        Assert.Equal(["a-1", "a-2"], received.OrderBy(r => r.Offset.Value).Select(r => r.Message.Key).Order());
        await relay.StopAsync(Cancel);
    }

    private static OutboxRow Row(string appointmentId) =>
        new(0, Guid.NewGuid(), "appointment.booked", appointmentId, "corr-1", DateTimeOffset.UtcNow, $$"""{"appointmentId":"{{appointmentId}}"}""");
}
