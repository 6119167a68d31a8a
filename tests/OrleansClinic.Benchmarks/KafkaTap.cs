using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using OrleansClinic.Grains.Abstractions.Events;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Reads <c>clinic.all</c> beside the Orleans stream provider to learn when the relay produced each booking (the
/// message's create time, stamped by the producer), which splits commit-to-SSE into outbox and streaming halves.
/// </summary>
internal sealed class KafkaTap : IDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> produced = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Thread reader;

    /// <summary>Starts reading every partition of <c>clinic.all</c> from its beginning on <paramref name="bootstrapServers"/>.</summary>
    public KafkaTap(string bootstrapServers, int partitions)
    {
        var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "benchmark-tap-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(ClinicEventStreams.ClinicTopic, p, Offset.Beginning)));

        // Consume blocks in librdkafka, so it gets a thread of its own rather than a pool thread the gateway needs.
        reader = new Thread(() => Read(consumer)) { IsBackground = true, Name = "kafka-tap" };
        reader.Start();
    }

    /// <summary>When the relay produced <paramref name="appointmentId"/>'s <c>appointment.booked</c>, if seen.</summary>
    public DateTimeOffset? ProducedAt(string appointmentId) => produced.TryGetValue(appointmentId, out var at) ? at : null;

    public void Dispose()
    {
        stop.Cancel();
        reader.Join();
        stop.Dispose();
    }

    private void Read(IConsumer<byte[], byte[]> consumer)
    {
        using (consumer)
        {
            while (!stop.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message is not { } message || Header(message, "event-type") != "appointment.booked")
                {
                    continue;
                }

                using var envelope = JsonDocument.Parse(message.Value);
                if (envelope.RootElement.GetProperty("entityKey").GetString() is { } id)
                {
                    produced.TryAdd(id, message.Timestamp.UtcDateTime);
                }
            }

            consumer.Close();
        }
    }

    private static string? Header(Message<byte[], byte[]> message, string name) =>
        message.Headers?.TryGetLastBytes(name, out var value) == true ? Encoding.UTF8.GetString(value) : null;
}
