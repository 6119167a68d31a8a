using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Npgsql;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Outbox;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Whether every outbox row reached every topic its route names exactly once: every partition of every clinic topic is
/// read from the beginning while the relay runs, each copy counted by topic and <c>event-id</c> header, and compared with
/// the rows read back from the database. It reads during the run because the mock cluster keeps only the newest 5 MB of
/// a partition: a 20,000-row backlog puts about 10 MB on <c>clinic.all</c>'s one partition, and reading afterwards
/// would count its oldest copies as missing. Even during the run a relay faster than this reader overruns it, hence
/// the default backlog of 8,000 rows.
/// </summary>
internal sealed class OutboxDeliveries : IDisposable
{
    // After the last expected copy, read on this long so late duplicates show too.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    // Nothing more for this long before every expected copy arrived: the rest is missing.
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    private readonly Dictionary<(string Topic, Guid EventId), int> copies = [];
    private readonly Dictionary<Guid, DateTimeOffset> clinicTimestamps = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Thread reader;
    private int received;
    private long lastMessageAt = Stopwatch.GetTimestamp();

    /// <summary>Starts reading every partition of every clinic topic on <paramref name="bootstrapServers"/> from its beginning.</summary>
    public OutboxDeliveries(string bootstrapServers)
    {
        var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "benchmark-outbox-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();

        // Manual assignment: no group rebalance to wait for.
        consumer.Assign(EmbeddedKafka.Topics.SelectMany(t => Enumerable.Range(0, EmbeddedKafka.Partitions).Select(p => new TopicPartitionOffset(t, p, Offset.Beginning))));

        // Consume blocks in librdkafka, so it gets a thread of its own rather than a pool thread the relay needs.
        reader = new Thread(() => Read(consumer)) { IsBackground = true, Name = "outbox-deliveries" };
        reader.Start();
    }

    /// <summary>Once the relay has stopped: reads the outbox, waits for the copies it asks for (and a second more), and compares.</summary>
    public async Task<OutboxCensus> Count(OutboxRig rig)
    {
        var rows = await Rows(rig.Database);
        var expected = new HashSet<(string Topic, Guid EventId)>();
        foreach (var row in rows)
        {
            var outbox = new OutboxRow(0, row.EventId, row.EventType, row.EntityKey, null, row.CreatedAt, row.PayloadJson);
            foreach (var destination in rig.RelayOptions.DestinationsFor(row.EventType))
            {
                if (destination.KeyFor(outbox) is not null)
                {
                    expected.Add((destination.Topic, row.EventId));
                }
            }
        }

        while (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastMessageAt)) < (Volatile.Read(ref received) >= expected.Count ? Settle : GiveUp))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        reader.Join();
        var missing = expected.Count(e => !copies.ContainsKey(e));
        var repeated = copies.Where(c => expected.Contains(c.Key)).Sum(c => c.Value - 1);
        var unexpected = copies.Where(c => !expected.Contains(c.Key)).Sum(c => c.Value);
        return new OutboxCensus(
            rows.Count,
            rows.Count(r => r.SentAt is null),
            expected.Count,
            received,
            missing,
            repeated,
            unexpected,
            [.. rows.Select(r => new OutboxTiming(
                r.CreatedAt,
                r.SentAt is { } sent ? (sent - r.CreatedAt).TotalMilliseconds : double.NaN,
                clinicTimestamps.TryGetValue(r.EventId, out var produced) ? (produced - r.CreatedAt).TotalMilliseconds : double.NaN))]);
    }

    public void Dispose()
    {
        if (!stop.IsCancellationRequested)
        {
            stop.Cancel();
            reader.Join();
        }

        stop.Dispose();
    }

    private static async Task<List<StoredRow>> Rows(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT event_id, event_type, entity_key, payload::text, created_at, sent_at FROM outbox.event ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return rows;
    }

    /// <summary>Counts copies per (topic, event id) and keeps each event's producer timestamp on <c>clinic.all</c>.</summary>
    private void Read(IConsumer<Ignore, Ignore> consumer)
    {
        using (consumer)
        {
            while (!stop.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message is not { } message)
                {
                    continue;
                }

                var id = message.Headers.TryGetLastBytes(OutboxEnvelope.EventIdHeader, out var bytes) && Guid.TryParse(Encoding.UTF8.GetString(bytes), out var parsed)
                    ? parsed
                    : Guid.Empty;
                copies[(result.Topic, id)] = copies.GetValueOrDefault((result.Topic, id)) + 1;
                if (result.Topic == ClinicEventStreams.ClinicTopic)
                {
                    clinicTimestamps.TryAdd(id, message.Timestamp.UtcDateTime);
                }

                Interlocked.Increment(ref received);
                Interlocked.Exchange(ref lastMessageAt, Stopwatch.GetTimestamp());
            }

            consumer.Close();
        }
    }

    private sealed record StoredRow(Guid EventId, string EventType, string EntityKey, string PayloadJson, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
}

/// <summary>
/// What the relay did with a run's rows: rows and unsent rows in the outbox; copies expected by the routes and received;
/// expected copies missing, copies repeated, copies no route asked for; per row, in outbox order, its timings.
/// </summary>
internal sealed record OutboxCensus(
    int Rows,
    int Unsent,
    int ExpectedCopies,
    int ReceivedCopies,
    int Missing,
    int Repeated,
    int Unexpected,
    IReadOnlyList<OutboxTiming> Timings)
{
    /// <summary>Every row sent, every copy there once, nothing else.</summary>
    public bool IsExact => Unsent == 0 && Missing == 0 && Repeated == 0 && Unexpected == 0 && ReceivedCopies == ExpectedCopies;

    /// <summary>One line: rows, copies and what was wrong.</summary>
    public string Summary() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"rows={Rows} unsent={Unsent} copies={ReceivedCopies}/{ExpectedCopies} missing={Missing} repeated={Repeated} unexpected={Unexpected}");
}

/// <summary>
/// One row's times: its commit (<c>created_at</c>, the inserting transaction's start), then milliseconds to its
/// <c>sent_at</c> (the marking transaction's start, after every copy was acknowledged) and to its copy's producer
/// timestamp on <c>clinic.all</c>; NaN when there is none.
/// </summary>
internal sealed record OutboxTiming(DateTimeOffset CreatedAt, double SentMs, double ProducedMs);
