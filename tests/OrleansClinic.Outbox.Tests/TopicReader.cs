using System.Text;
using Confluent.Kafka;

namespace OrleansClinic.Outbox.Tests;

/// <summary>Reads every message of some topics from the beginning, by manual assignment (no group rebalances to wait for).</summary>
internal static class TopicReader
{
    public const int Partitions = 4;

    public static List<ConsumeResult<string, byte[]>> ReadAll(string bootstrapServers, IEnumerable<string> topics, int atLeast, TimeSpan? settle = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"outbox-tests-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(topics.SelectMany(t => Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(t, p, Offset.Beginning))));
        var received = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        DateTime? quietUntil = null;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is not null && !result.IsPartitionEOF)
            {
                received.Add(result);
            }

            // Once enough arrived, keep reading a little longer so duplicates show up too.
            if (received.Count >= atLeast)
            {
                quietUntil ??= DateTime.UtcNow + (settle ?? TimeSpan.FromMilliseconds(500));
                if (DateTime.UtcNow > quietUntil)
                {
                    break;
                }
            }
        }

        consumer.Close();
        return received;
    }

    public static string Header(ConsumeResult<string, byte[]> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
}
