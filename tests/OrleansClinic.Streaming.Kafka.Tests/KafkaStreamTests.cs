using System.Text;
using Confluent.Kafka;
using Orleans.Runtime;

namespace OrleansClinic.Streaming.Kafka.Tests;

public sealed class KafkaStreamTests(KafkaFixture fixture)
{
    [Fact]
    public async Task Orleans_events_reach_the_subscriber_in_order_per_stream()
    {
        var provider = fixture.Cluster.Client.GetStreamProvider(KafkaFixture.Provider);
        var keys = new[] { "order-a", "order-b", "order-c" };
        foreach (var i in Enumerable.Range(0, 10))
        {
            foreach (var key in keys)
            {
                await provider.GetStream<int>(StreamId.Create(KafkaFixture.Topic, key)).OnNextAsync(i);
            }
        }

        foreach (var key in keys)
        {
            var received = await Eventually.Received(fixture.Cluster.GrainFactory.GetGrain<IStreamRecorderGrain>(key), 10);
            Assert.Equal(Enumerable.Range(0, 10).Cast<object>(), received);
        }
    }

    [Fact]
    public async Task Externally_produced_messages_arrive_as_KafkaExternalEvent()
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = fixture.Kafka.BootstrapServers,
            EnableIdempotence = true,
        }).Build();
        var headers = new Headers
        {
            { KafkaHeaders.EventId, Encoding.UTF8.GetBytes("evt-1") },
            { KafkaHeaders.EventType, Encoding.UTF8.GetBytes("appointment.booked") },
            { KafkaHeaders.CorrelationId, Encoding.UTF8.GetBytes("corr-42") },
        };
        var delivery = await producer.ProduceAsync(KafkaFixture.Topic,
            new Message<string, string> { Key = "appt-ext-1", Value = "{\"slot\":\"09:00\"}", Headers = headers });

        var received = await Eventually.Received(fixture.Cluster.GrainFactory.GetGrain<IStreamRecorderGrain>("appt-ext-1"), 1);

        var evt = Assert.IsType<KafkaExternalEvent>(Assert.Single(received));
        Assert.Equal(new KafkaExternalEvent("evt-1", "appointment.booked", "appt-ext-1", "corr-42", "{\"slot\":\"09:00\"}",
            KafkaFixture.Topic, delivery.Partition.Value, delivery.Offset.Value), evt);
    }

    [Fact]
    public async Task A_broker_down_for_a_while_delays_but_loses_nothing()
    {
        var stream = fixture.Cluster.Client.GetStreamProvider(KafkaFixture.Provider)
            .GetStream<int>(StreamId.Create(KafkaFixture.Topic, "order-outage"));
        await stream.OnNextAsync(0);

        fixture.Kafka.SetBrokerDown(1);
        var producing = Task.Run(async () =>
        {
            foreach (var i in Enumerable.Range(1, 9))
            {
                await stream.OnNextAsync(i);
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        fixture.Kafka.SetBrokerUp(1);
        await producing.WaitAsync(TimeSpan.FromSeconds(30));

        var received = await Eventually.Received(fixture.Cluster.GrainFactory.GetGrain<IStreamRecorderGrain>("order-outage"), 10, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 10).Cast<object>(), received);
    }
}
