using System.Diagnostics;
using System.Globalization;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The outbox relay of docs/events.md on PostgreSQL and the embedded clinic's Kafka: how fast one relay drains a backlog
/// at several batch sizes, how far behind the commits it runs under a steady open-loop load at the production poll
/// interval, and whether every row reached every topic of its route exactly once.
/// </summary>
internal static class OutboxBenchmark
{
    /// <summary>Rows committed and published before a steady run is measured: the lease taken, the producer connected.</summary>
    private const int WarmupRows = 100;

    private const int BacklogChunk = 1_000;

    // No row published for this long means the relay is stuck: a bug, not a figure.
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    /// <summary>Each drain, then each steady rate, on a fresh database and Kafka of <c>CLINIC_TEST_POSTGRES</c>'s server or a throwaway one.</summary>
    public static async Task<OutboxResult> Run(BenchmarkOptions options)
    {
        var postgres = new PostgresServer { Durable = true };
        try
        {
            await postgres.InitializeAsync();
            var durability = "";
            var drains = new List<OutboxDrainRun>();
            foreach (var batchSize in options.RelayBatchSizes)
            {
                await using var rig = await OutboxRig.Create(postgres, batchSize, options.PollIntervals[0]);
                durability = rig.Durability;
                var drain = await Drain(rig, options.Rows);
                Console.WriteLine(drain.Format());
                drains.Add(drain);
            }

            var steady = new List<OutboxSteadyRun>();
            foreach (var rate in options.Rates)
            {
                await using var rig = await OutboxRig.Create(postgres, new Outbox.OutboxRelayOptions().BatchSize, options.PollIntervals[0]);
                var run = await Steady(rig, rate, options.LoadDuration);
                Console.WriteLine(run.Format());
                steady.Add(run);
            }

            return new OutboxResult(durability, drains, steady);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>Commits <paramref name="rows"/> rows untimed, then starts the relay and times it until all are marked sent.</summary>
    private static async Task<OutboxDrainRun> Drain(OutboxRig rig, int rows)
    {
        var generator = new BookingOutboxRows();
        for (var from = 0; from < rows; from += BacklogChunk)
        {
            await generator.WriteBacklogAsync(rig.Database, from, Math.Min(rows, from + BacklogChunk));
        }

        // Autovacuum would have analysed a table that grew this much; the relay's plans should not depend on when it ran.
        await using (var analyse = rig.Database.CreateCommand("ANALYZE outbox.event"))
        {
            await analyse.ExecuteNonQueryAsync();
        }

        using var deliveries = new OutboxDeliveries(rig.Kafka.BootstrapServers);
        var started = Stopwatch.GetTimestamp();
        await rig.Relay.StartAsync(CancellationToken.None);
        var drained = await rig.WaitForPublished(rows, Quiet);
        var elapsed = Stopwatch.GetElapsedTime(started, rig.LastPublishedAt);
        await rig.Relay.StopAsync(CancellationToken.None);
        var census = await deliveries.Count(rig);
        return new OutboxDrainRun(
            rig.RelayOptions.BatchSize,
            rows,
            elapsed,
            rig.Store.Reads,
            rig.Store.ReadTime,
            rig.Store.MarkTime,
            rig.Store.LagTime,
            census,
            drained ? null : string.Create(CultureInfo.InvariantCulture, $"the relay published {rig.PublishedCount} of {rows} rows and then nothing for {Quiet.TotalSeconds:0} s"));
    }

    /// <summary>
    /// With the relay running and warm, commits <paramref name="rate"/> rows a second for <paramref name="duration"/>,
    /// each on a schedule fixed in advance (open loop: a slow commit does not delay the next), then waits for the rest.
    /// </summary>
    private static async Task<OutboxSteadyRun> Steady(OutboxRig rig, int rate, TimeSpan duration)
    {
        var generator = new BookingOutboxRows();
        await generator.WriteBacklogAsync(rig.Database, 0, WarmupRows);
        using var deliveries = new OutboxDeliveries(rig.Kafka.BootstrapServers);
        await rig.Relay.StartAsync(CancellationToken.None);
        var troubles = new List<string>();
        if (!await rig.WaitForPublished(WarmupRows, Quiet))
        {
            troubles.Add("the warm-up rows were not published");
        }

        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var lateMs = new double[total];
        var commits = new List<Task>(total);
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < total)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            for (var due = Math.Min(total, (int)(elapsed * rate) + 1); next < due; next++)
            {
                lateMs[next] = (elapsed - ((double)next / rate)) * 1000;
                commits.Add(BookingOutboxRows.WriteAsync(rig.Database, generator.Row(WarmupRows + next)));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(commits);
        var loadTime = Stopwatch.GetElapsedTime(started);
        var atEnd = await rig.Lag();
        if (!await rig.WaitForPublished(WarmupRows + total, Quiet))
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"the relay published {rig.PublishedCount - WarmupRows} of {total} rows and then nothing for {Quiet.TotalSeconds:0} s"));
        }

        var tail = Stopwatch.GetElapsedTime(started, rig.LastPublishedAt) - loadTime;
        await rig.Relay.StopAsync(CancellationToken.None);
        var census = await deliveries.Count(rig);

        // Warm-up rows were committed first, so they are the first in outbox order.
        var measured = census.Timings.Skip(WarmupRows).ToArray();
        Array.Sort(lateMs);
        return new OutboxSteadyRun(
            rate,
            rig.RelayOptions.PollInterval,
            rig.RelayOptions.BatchSize,
            total,
            loadTime,
            lateMs,
            atEnd.UnsentCount,
            atEnd.OldestUnsentAge,
            tail,
            rig.Store.Reads,
            [.. measured.Select(t => t.SentMs).Where(double.IsFinite).Order()],
            [.. measured.Select(t => t.ProducedMs).Where(double.IsFinite).Order()],
            [.. measured.Take(measured.Length / 2).Select(t => t.SentMs).Where(double.IsFinite).Order()],
            [.. measured.Skip(measured.Length / 2).Select(t => t.SentMs).Where(double.IsFinite).Order()],
            census,
            troubles);
    }
}
