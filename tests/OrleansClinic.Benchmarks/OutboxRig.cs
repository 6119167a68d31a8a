using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Outbox;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// One outbox run's world: a fresh migrated database, the embedded clinic's Kafka (librdkafka's in-process mock cluster,
/// one broker, the clinic's topics with four partitions), and one relay on them with production settings but for the
/// batch size and poll interval, counting what it publishes through its own <c>clinic.outbox.published</c> counter.
/// </summary>
internal sealed class OutboxRig : IAsyncDisposable
{
    private readonly MeterListener listener = new();
    private readonly PostgresOutboxStore relayStore;
    private long published;
    private long lastPublishedAt;
    private long awaitedCount = long.MaxValue;
    private TaskCompletionSource awaited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OutboxRig(string connectionString, string durability, EmbeddedKafka kafka, OutboxRelayOptions options)
    {
        Durability = durability;
        Database = NpgsqlDataSource.Create(connectionString);
        Kafka = kafka;
        RelayOptions = options;

        // The relay's own data source, as AddOutboxRelay gives it one.
        relayStore = PostgresOutboxStore.Create(connectionString, options.LeaseName);
        Store = new TimedOutboxStore(relayStore);
        Relay = new OutboxRelay(Options.Create(options), Store);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, Relay.Metrics.Meter) && instrument.Name == OutboxMetrics.PublishedName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, count, _, _) => Published(count));
        listener.Start();
    }

    /// <summary>The server's version and commit durability, as the booking benchmark reports them.</summary>
    public string Durability { get; }

    /// <summary>The database's pool for writing rows and reading results (the grains' side, not the relay's).</summary>
    public NpgsqlDataSource Database { get; }

    /// <summary>The broker the relay publishes to.</summary>
    public EmbeddedKafka Kafka { get; }

    /// <summary>The relay's options.</summary>
    public OutboxRelayOptions RelayOptions { get; }

    /// <summary>The relay (not started).</summary>
    public OutboxRelay Relay { get; }

    /// <summary>The relay's store, timed.</summary>
    public TimedOutboxStore Store { get; }

    /// <summary>Rows published and marked sent so far.</summary>
    public long PublishedCount => Interlocked.Read(ref published);

    /// <summary>When the last rows were marked sent (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LastPublishedAt => Interlocked.Read(ref lastPublishedAt);

    /// <summary>A fresh database on <paramref name="postgres"/> with durable commits, Kafka, and a relay of <paramref name="batchSize"/> rows polling every <paramref name="poll"/>.</summary>
    public static async Task<OutboxRig> Create(PostgresServer postgres, int batchSize, TimeSpan poll)
    {
        var connectionString = await postgres.CreateDatabaseAsync("bench_outbox");
        string durability;
        await using (var admin = NpgsqlDataSource.Create(connectionString))
        {
            await new ClinicMigrator(admin).MigrateAsync();
            durability = await BookingBenchmark.Durability(admin, new NpgsqlConnectionStringBuilder(connectionString).Database!);
        }

        var kafka = new EmbeddedKafka(NullLogger<EmbeddedKafka>.Instance);
        var options = new OutboxRelayOptions
        {
            ConnectionString = connectionString,
            BootstrapServers = kafka.BootstrapServers,
            BatchSize = batchSize,
            PollInterval = poll,
        };
        return new OutboxRig(connectionString, durability, kafka, options);
    }

    /// <summary>
    /// Waits until <paramref name="count"/> rows in all were published; false when none was for <paramref name="quiet"/>.
    /// </summary>
    public async Task<bool> WaitForPublished(long count, TimeSpan quiet)
    {
        awaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref awaitedCount, count);
        var seen = PublishedCount;
        var progressAt = Stopwatch.GetTimestamp();
        while (PublishedCount < count)
        {
            await Task.WhenAny(awaited.Task, Task.Delay(TimeSpan.FromMilliseconds(250)));
            if (PublishedCount != seen)
            {
                (seen, progressAt) = (PublishedCount, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(progressAt) > quiet)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Unsent rows and the oldest one's age, read by the store's own query on the grains' pool.</summary>
    public async Task<OutboxLag> Lag()
    {
        using var store = new PostgresOutboxStore(Database, RelayOptions.LeaseName);
        return await store.ReadLagAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        await Relay.StopAsync(CancellationToken.None);
        Relay.Dispose();
        relayStore.Dispose();
        await Database.DisposeAsync();
        await Kafka.DisposeAsync();
    }

    private void Published(long count)
    {
        Interlocked.Exchange(ref lastPublishedAt, Stopwatch.GetTimestamp());
        if (Interlocked.Add(ref published, count) >= Interlocked.Read(ref awaitedCount))
        {
            awaited.TrySetResult();
        }
    }
}
