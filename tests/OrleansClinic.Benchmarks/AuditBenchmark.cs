using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansClinic.Audit;
using OrleansClinic.Domain.Audit;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The audit trail of docs/audit.md under load: what the background sealer costs the booking path (the same bookings
/// with it off and on, each on a fresh PostgreSQL database), how fast it seals, and whether every outbox row ends up
/// exactly once in one intact hash chain.
/// </summary>
internal static class AuditBenchmark
{
    private const int SealBatch = 1000;
    private const int ChainPage = 5000;
    private const string SealIntervalKey = "Clinic:Audit:SealInterval";

    // The validator's longest interval: the sealer seals once as the silo starts, then not again within a run.
    private static readonly TimeSpan SealerOff = TimeSpan.FromMinutes(5);

    // No sealing progress for this long means the sealer is stuck; several seal intervals and a slow seal.
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan SealedPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Books with the sealer off and on, each run on a fresh database and gateway, in alternating order over the rounds
    /// (off-on, on-off, ...) so that drift on a busy machine does not all fall on one side; then seals a backlog directly
    /// on the last sealer-on database and verifies its chain.
    /// </summary>
    public static async Task<AuditResult> Run(BenchmarkOptions options)
    {
        // CLINIC_TEST_POSTGRES's server, or a throwaway one, as the tests do; the databases are dropped afterwards.
        var postgres = new PostgresServer { Durable = true };
        try
        {
            await postgres.InitializeAsync();
            var troubles = new List<string>();
            var runs = new List<AuditBookingRun>();
            var lastSealed = "";
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var sealerOn in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var database = await postgres.CreateDatabaseAsync(sealerOn ? "bench_audit_on" : "bench_audit_off");
                    runs.Add(await Book(options, database, sealerOn, troubles));
                    lastSealed = sealerOn ? database : lastSealed;
                }
            }

            // That run's gateway (and its sealer) has stopped: these seals have the chain to themselves.
            await using var db = NpgsqlDataSource.Create(lastSealed);
            var trail = new PostgresAuditTrail(db, new AuditOptions());
            var backlog = await SealBacklog(db, trail, options.Backlog, troubles);
            var verifyClock = Stopwatch.StartNew();
            var chain = await Verify(trail);
            var verifyTime = verifyClock.Elapsed;
            var (outboxRows, missing) = await Missing(db);
            return new AuditResult(runs, backlog, chain, verifyTime, outboxRows, missing, troubles.Count == 0 ? null : string.Join("; ", troubles));
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>
    /// One run on a fresh gateway over <paramref name="database"/>: untimed setup and warm-up, then the measured bookings;
    /// with the sealer on, also how long it takes to seal them.
    /// </summary>
    private static async Task<AuditBookingRun> Book(BenchmarkOptions options, string database, bool sealerOn, List<string> troubles)
    {
        // The PII vault needs keys on PostgreSQL; arguments given to the benchmark win, except that "off" must be off.
        List<string> args = ["--ConnectionStrings:Clinic=" + database, .. TestVaultKeys.Settings.Select(s => $"--{s.Key}={s.Value}"), .. options.GatewayArgs];
        if (!sealerOn)
        {
            args.Add($"--{SealIntervalKey}={SealerOff.ToString("c", CultureInfo.InvariantCulture)}");
        }

        var audit = new AuditOptions();
        new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine([.. args]).Build().GetSection(AuditOptions.Section).Bind(audit);
        var label = sealerOn ? "on" : "off";

        await using var gateway = await LiveGateway.Start(options.PollIntervals[0], args);
        await using var db = NpgsqlDataSource.Create(database);
        using var staff = await ClinicClient.SignIn(gateway.Address, "bench-manager", "practice_manager");

        var setupClock = Stopwatch.StartNew();
        var doctors = await Task.WhenAll(Enumerable.Range(1, options.Concurrency).Select(staff.CreateDoctor));
        var patients = await LiveBenchmark.RegisterPatients(gateway.Grains, options.Warmup + options.Bookings);
        var plan = LiveBenchmark.Plan(doctors, patients);
        var warm = await LiveBenchmark.BookAll(staff, plan[..options.Warmup], options.Concurrency);
        if (warm.Count(o => o.Status != HttpStatusCode.Created) is > 0 and var refused)
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"sealer {label}: {refused} warm-up bookings refused"));
        }

        // Measured bookings then share the database only with the sealing of their own rows, not of the setup's.
        if (sealerOn && !await WaitUntilSealed(db))
        {
            troubles.Add($"sealer on: the setup's outbox rows were not all sealed (no progress for {Quiet.TotalSeconds:0} s)");
        }

        var setup = setupClock.Elapsed;
        var before = await Counts(db);
        var started = Stopwatch.GetTimestamp();
        var outcomes = await LiveBenchmark.BookAll(staff, plan[options.Warmup..], options.Concurrency);
        var bookingTime = Stopwatch.GetElapsedTime(started);
        var after = await Counts(db);

        AuditSealing? sealing = null;
        if (sealerOn)
        {
            var caughtUp = await WaitUntilSealed(db);
            var sealedAt = Stopwatch.GetTimestamp();
            if (!caughtUp)
            {
                troubles.Add($"sealer on: the measured bookings' outbox rows were not all sealed (no progress for {Quiet.TotalSeconds:0} s)");
            }

            var end = await Counts(db);
            var (seals, largest) = await Seals(db, before.Head);
            sealing = new AuditSealing(end.Sealed - before.Sealed, Stopwatch.GetElapsedTime(started, sealedAt), Stopwatch.GetElapsedTime(started, sealedAt) - bookingTime, seals, largest);
        }

        return new AuditBookingRun(
            sealerOn,
            audit.SealInterval,
            audit.BatchSize,
            options.Bookings,
            options.Concurrency,
            outcomes.Count(o => o.Status == HttpStatusCode.Created),
            bookingTime,
            [.. outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order()],
            after.Outbox - before.Outbox,
            after.Sealed - before.Sealed,
            setup,
            [.. outcomes.Where(o => o.Status != HttpStatusCode.Created).GroupBy(o => o.Status).Select(g => $"{(int)g.Key} x{g.Count()}: {g.First().Problem}")],
            sealing);
    }

    /// <summary>
    /// Inserts <paramref name="count"/> outbox rows in one statement and seals them with direct
    /// <see cref="PostgresAuditTrail.SealAsync"/> calls of <see cref="SealBatch"/>, timing each, until a call finds less than a batch.
    /// </summary>
    private static async Task<AuditBacklog> SealBacklog(NpgsqlDataSource db, PostgresAuditTrail trail, int count, List<string> troubles)
    {
        // Booked-like rows with an actor, as a burst of bookings leaves them; opaque ids only.
        await using (var insert = db.CreateCommand(
            """
            INSERT INTO outbox.event (event_id, event_type, entity_key, correlation_id, occurred_at, payload, actor_id, actor_role)
            SELECT gen_random_uuid(), 'appointment.booked', 'a-bench-backlog-' || n, 'c-bench-backlog-' || n, now(), '{}', 'u-bench-desk', 'receptionist'
            FROM generate_series(1, $1) AS n
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
            await insert.ExecuteNonQueryAsync();
        }

        var calls = new List<double>();
        var sealedCount = 0L;
        var started = Stopwatch.GetTimestamp();
        int sealedNow;
        do
        {
            var call = Stopwatch.GetTimestamp();
            sealedNow = await trail.SealAsync(SealBatch);
            calls.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
            sealedCount += sealedNow;
        }
        while (sealedNow == SealBatch);

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (sealedCount < count)
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"backlog: {sealedCount} of {count} rows sealed"));
        }

        return new AuditBacklog(count, sealedCount, elapsed, calls);
    }

    /// <summary>Walks the whole chain in pages, as <c>GET /api/v1/audit/verify</c> does.</summary>
    private static async Task<AuditVerification> Verify(PostgresAuditTrail trail)
    {
        var state = AuditVerification.Empty;
        while (state.Intact)
        {
            var page = await trail.ReadChainAsync(state.HeadSequence, ChainPage);
            if (page.Count == 0)
            {
                break;
            }

            state = AuditChain.Verify(page, state);
        }

        return state;
    }

    /// <summary>Outbox rows, and those with no entry in the chain.</summary>
    private static async Task<(long Rows, long Missing)> Missing(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_logs.entry e WHERE e.source = 'event' AND e.source_id = o.sequence))
            FROM outbox.event o
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Polls until every outbox row has an entry; false after <see cref="Quiet"/> without one more.</summary>
    private static async Task<bool> WaitUntilSealed(NpgsqlDataSource db)
    {
        var counts = await Counts(db);
        var sinceProgress = Stopwatch.StartNew();
        while (counts.Sealed < counts.Outbox)
        {
            if (sinceProgress.Elapsed > Quiet)
            {
                return false;
            }

            await Task.Delay(SealedPoll);
            var now = await Counts(db);
            if (now.Sealed != counts.Sealed)
            {
                sinceProgress.Restart();
            }

            counts = now;
        }

        return true;
    }

    /// <summary>Entries sealed from outbox rows, outbox rows, and the chain's head sequence, read in one statement.</summary>
    private static async Task<(long Sealed, long Outbox, long Head)> Counts(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            """
            SELECT (SELECT count(*) FROM audit_logs.entry WHERE source = 'event'),
                   (SELECT count(*) FROM outbox.event),
                   (SELECT coalesce(max(sequence), 0) FROM audit_logs.entry)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>The seals that added entries after <paramref name="afterSequence"/>, and the largest: one seal is one transaction, one <c>sealed_at</c>.</summary>
    private static async Task<(int Seals, int Largest)> Seals(NpgsqlDataSource db, long afterSequence)
    {
        await using var command = db.CreateCommand(
            "SELECT count(*)::int, coalesce(max(n), 0)::int FROM (SELECT count(*) AS n FROM audit_logs.entry WHERE sequence > $1 GROUP BY sealed_at) s");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }
}
