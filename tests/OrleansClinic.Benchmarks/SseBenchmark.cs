using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Many SSE connections on one gateway process: its memory before and with them all open, then commit-to-SSE at a
/// staff watcher while bookings arrive open-loop at a fixed rate and every held connection receives its doctor's events.
/// </summary>
internal static class SseBenchmark
{
    /// <summary>Doctors booked, and whose schedule streams the held connections watch (connection i the i mod 100th).</summary>
    public const int Doctors = 100;

    /// <summary>Held connections per signed-in receptionist (the gateway has no per-user cap; this only spreads them over users).</summary>
    public const int ConnectionsPerUser = 100;

    private const string Booked = "appointment.booked";
    private const string SlotBooked = "slot.booked";
    private const int OpenConcurrency = 64;
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);

    // Long enough for the connections' first allocations to settle and a few gen0 collections to run.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    /// <summary>Runs once on a fresh database of <c>CLINIC_TEST_POSTGRES</c>'s server, or of a throwaway one.</summary>
    public static async Task<SseResult> Run(BenchmarkOptions options)
    {
        var poll = options.PollIntervals[0];
        var postgres = new PostgresServer { Durable = true };
        try
        {
            await postgres.InitializeAsync();
            var database = await postgres.CreateDatabaseAsync("bench_sse");
            await using var gateway = await GatewayProcess.Start(GatewayEnvironment(database, poll), options.GatewayArgs);
            using var scrape = new HttpClient();
            return await Measure(options, poll, gateway, scrape);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task<SseResult> Measure(BenchmarkOptions options, TimeSpan poll, GatewayProcess gateway, HttpClient scrape)
    {
        var troubles = new List<string>();
        var setupClock = Stopwatch.StartNew();
        using var manager = await ClinicClient.SignIn(gateway.Address, "bench-manager", "practice_manager");
        using var reception = await ClinicClient.SignIn(gateway.Address, "bench-reception", "receptionist");
        var doctors = await Task.WhenAll(Enumerable.Range(1, Doctors).Select(manager.CreateDoctor));
        var total = options.Rates[0] * (int)options.LoadDuration.TotalSeconds;
        var patients = await RegisterPatients(reception, options.Warmup + total);
        var plan = LiveBenchmark.Plan(doctors, patients);

        // The watcher whose arrivals are timed, as in the live scenario: one staff dashboard on the clinic stream.
        await using var clinic = await SseClient.Open(manager, "/api/v1/clinic/events");
        var quiet = TimeSpan.FromSeconds(Math.Max(10, 5 * poll.TotalSeconds));
        var warm = await LiveBenchmark.BookAll(reception, plan[..options.Warmup], 16);
        Refused("warm-up", warm, troubles);
        var warmBooked = warm.Count(o => o.Status == HttpStatusCode.Created);
        if (!await clinic.WaitFor(Booked, warmBooked, quiet))
        {
            troubles.Add($"warm-up: {clinic.Count(Booked)} of {warmBooked} events arrived");
        }

        var setup = setupClock.Elapsed;
        await Task.Delay(Settle);
        var before = await GatewayMemory.Read(gateway, scrape);

        var users = await Task.WhenAll(Enumerable.Range(0, (options.Connections + ConnectionsPerUser - 1) / ConnectionsPerUser)
            .Select(u => ClinicClient.SignIn(gateway.Address, "bench-desk-" + u.ToString(CultureInfo.InvariantCulture), "receptionist")));
        var watchers = new SseWatcher?[options.Connections];
        var failures = new string?[options.Connections];
        try
        {
            var openClock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Connections), new ParallelOptions { MaxDegreeOfParallelism = OpenConcurrency }, async (i, cancel) =>
            {
                try
                {
                    watchers[i] = await SseWatcher.Open(users[i / ConnectionsPerUser], $"/api/v1/doctors/{doctors[i % Doctors]}/schedule/events", SlotBooked);
                    await watchers[i]!.Opened.WaitAsync(OpenTimeout, cancel);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or TaskCanceledException)
                {
                    failures[i] = e is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : e.GetType().Name + ": " + e.Message;
                }
            });
            var openTime = openClock.Elapsed;
            var opened = failures.Count(f => f is null);
            await Task.Delay(Settle);
            var held = await GatewayMemory.Read(gateway, scrape);

            // Each held connection should get exactly the slot.booked events of its doctor from here on.
            var baseline = watchers.Select(w => w?.Count ?? 0).ToArray();
            var measureStart = DateTimeOffset.UtcNow;
            var paced = await BookAtRate(reception, plan[options.Warmup..], options.Rates[0]);
            var booked = paced.Outcomes.Where(o => o.Status == HttpStatusCode.Created).ToList();
            var complete = await clinic.WaitFor(Booked, warmBooked + booked.Count, quiet);

            // A booking answered 503 or 500 under overload may still have committed, long after its answer: what each
            // doctor's watchers are owed is what the staff watcher saw of that doctor's slots once nothing more has
            // arrived there for the quiet limit (the clinic stream carries every slot.booked the relay published).
            await Settled(clinic, SlotBooked, quiet);
            var perDoctor = SlotsBookedPerDoctor(clinic.Snapshot().Where(a => a.At >= measureStart));
            var expected = Enumerable.Range(0, options.Connections).Select(i => baseline[i] + perDoctor.GetValueOrDefault(doctors[i % Doctors])).ToArray();
            await WaitForWatchers(watchers, expected, quiet);
            var after = await GatewayMemory.Read(gateway, scrape);

            var arrivals = clinic.Snapshot().Where(a => a.At >= measureStart).ToList();
            var trouble = clinic.Ended ?? (complete ? null : "gave up waiting after " + quiet.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s without events");
            var live = LiveBenchmark.Measure(poll, total, 0, measureStart, paced.Elapsed, paced.Outcomes, booked, arrivals, tap: null, trouble);
            var fanOut = FanOut.Of(watchers, baseline, expected);
            return new SseResult(
                DateTimeOffset.UtcNow,
                poll,
                setup,
                options.Connections,
                opened,
                users.Length,
                openTime,
                failures.Where(f => f is not null).GroupBy(f => f!, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}").ToList(),
                before,
                held,
                after,
                options.Rates[0],
                (int)options.LoadDuration.TotalSeconds,
                paced.SentPerSecond,
                paced.LatestMs,
                live,
                fanOut,
                troubles);
        }
        finally
        {
            await Parallel.ForEachAsync(watchers.Where(w => w is not null), new ParallelOptions { MaxDegreeOfParallelism = OpenConcurrency }, async (w, _) => await w!.DisposeAsync());
            foreach (var user in users)
            {
                user.Dispose();
            }
        }
    }

    /// <summary>
    /// Open loop: booking k is sent at k/rate seconds from the start whether or not earlier ones were answered, so a
    /// slow gateway faces the same arrivals instead of slowing the benchmark down.
    /// </summary>
    private static async Task<PacedBookings> BookAtRate(ClinicClient client, PlannedBooking[] plan, int rate)
    {
        var sent = new Task<BookingOutcome>[plan.Length];
        var latest = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        for (var k = 0; k < plan.Length; k++)
        {
            var due = TimeSpan.FromSeconds((double)k / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var late = Stopwatch.GetElapsedTime(started) - due;
            latest = late > latest ? late : latest;
            var booking = plan[k];
            sent[k] = Task.Run(() => client.Book(booking));
        }

        var sending = Stopwatch.GetElapsedTime(started);
        var outcomes = await Task.WhenAll(sent);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Sends per second over the k/rate schedule's span: the rate the gateway was offered.
        var sentPerSecond = plan.Length > 1 ? (plan.Length - 1) / sending.TotalSeconds : 0;
        return new PacedBookings(outcomes, elapsed, sentPerSecond, latest.TotalMilliseconds);
    }

    private static async Task WaitForWatchers(SseWatcher?[] watchers, int[] expected, TimeSpan quiet)
    {
        var (last, since) = (-1L, DateTime.UtcNow);
        while (DateTime.UtcNow - since < quiet)
        {
            long behind = 0;
            long received = 0;
            for (var i = 0; i < watchers.Length; i++)
            {
                if (watchers[i] is { Ended: null } watcher)
                {
                    behind += Math.Max(0, expected[i] - watcher.Count);
                    received += watcher.Count;
                }
            }

            if (behind == 0)
            {
                return;
            }

            if (received != last)
            {
                (last, since) = (received, DateTime.UtcNow);
            }

            await Task.Delay(50);
        }
    }

    private static async Task Settled(SseClient watcher, string type, TimeSpan still)
    {
        var (last, since) = (watcher.Count(type), DateTime.UtcNow);
        while (DateTime.UtcNow - since < still)
        {
            await Task.Delay(100);
            if (watcher.Count(type) != last)
            {
                (last, since) = (watcher.Count(type), DateTime.UtcNow);
            }
        }
    }

    private static Dictionary<string, int> SlotsBookedPerDoctor(IEnumerable<SseArrival> arrivals) =>
        arrivals.Where(a => a.Type == SlotBooked)
            .Select(a =>
            {
                using var data = JsonDocument.Parse(a.Data);
                var entity = data.RootElement.GetProperty("entity");
                return (Doctor: entity.GetProperty("doctorId").GetString()!, Start: entity.GetProperty("start").GetString()!);
            })
            .Distinct()
            .GroupBy(slot => slot.Doctor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static async Task<string[]> RegisterPatients(ClinicClient reception, int count)
    {
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            ids[i] = await reception.RegisterPatient(i + 1));
        return ids;
    }

    private static void Refused(string part, BookingOutcome[] outcomes, List<string> troubles)
    {
        foreach (var group in outcomes.Where(o => o.Status != HttpStatusCode.Created).GroupBy(o => o.Status))
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"{part}: {(int)group.Key} x{group.Count()}: {group.First().Problem}"));
        }
    }

    // The gateway as one process on PostgreSQL, with the in-process Kafka (events need one) and the Prometheus scrape
    // for its managed heap; the same log levels as the in-process gateway of the other scenarios.
    private static Dictionary<string, string> GatewayEnvironment(string database, TimeSpan poll)
    {
        var environment = new Dictionary<string, string>(TestVaultKeys.EnvironmentVariables)
        {
            ["ConnectionStrings__Clinic"] = database,
            ["Kafka__BootstrapServers"] = "embedded",
            ["Clinic__Outbox__PollInterval"] = poll.ToString("c", CultureInfo.InvariantCulture),
            ["Telemetry__PrometheusScraping"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__OrleansClinic"] = "Warning",
            ["Logging__LogLevel__OrleansClinic.Gateway.Live.LiveStreamHub"] = "Error",
        };
        return environment;
    }

    private sealed record PacedBookings(BookingOutcome[] Outcomes, TimeSpan Elapsed, double SentPerSecond, double LatestMs);
}
