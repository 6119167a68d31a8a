using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Booking over HTTP against the SQL ceiling of the same server: the gateway on PostgreSQL with durable commits at
/// concurrency 1, 8, 32 and 128, pgbench's single-row exclusion-constrained insert at the same, 1,000 clients competing
/// for 20 slots, and a check in the database that no doctor holds two overlapping appointments.
/// </summary>
internal static class BookingBenchmark
{
    /// <summary>The concurrencies measured, for the gateway and for pgbench alike.</summary>
    public static readonly int[] Concurrencies = [1, 8, 32, 128];

    private const int ContentionClients = 1_000;
    private const int ContentionSlots = 20;

    // Two appointments of one doctor that both hold their slot and overlap; the exclusion constraint should make it 0.
    private const string DoubleBookings = """
        SELECT count(*) FROM appointments.appointment a
        JOIN appointments.appointment b
          ON a.doctor_id = b.doctor_id AND a.grain_id < b.grain_id
         AND tstzrange(a.slot_start, a.slot_end) && tstzrange(b.slot_start, b.slot_end)
        WHERE a.status IN ('booked', 'checked_in') AND b.status IN ('booked', 'checked_in')
        """;

    /// <summary>Runs every part once on a fresh database of <c>CLINIC_TEST_POSTGRES</c>'s server, or of a throwaway one.</summary>
    public static async Task<BookingResult> Run(BenchmarkOptions options)
    {
        var postgres = new PostgresServer { Durable = true };
        try
        {
            await postgres.InitializeAsync();
            var database = await postgres.CreateDatabaseAsync("bench_booking");
            await using var db = NpgsqlDataSource.Create(database);
            var durability = await Durability(db, new NpgsqlConnectionStringBuilder(database).Database!);
            var troubles = new List<string>();
            List<string> args = ["--ConnectionStrings:Clinic=" + database, .. TestVaultKeys.Settings.Select(s => $"--{s.Key}={s.Value}"), .. options.GatewayArgs];

            BookingLevel[] levels;
            ContentionResult contention;
            IReadOnlyList<ProfileLine> profile;
            var setupClock = Stopwatch.StartNew();
            await using (var gateway = await LiveGateway.Start(options.PollIntervals[0], args))
            {
                using var manager = await ClinicClient.SignIn(gateway.Address, "bench-manager", "practice_manager");
                using var reception = await ClinicClient.SignIn(gateway.Address, "bench-reception", "receptionist");

                // Doctors and patients are set up untimed. One doctor per request of the highest level, so requests in
                // flight together hit different schedules; one plan for every level, cut in consecutive pieces, so each
                // level books slots of its own.
                var doctors = await Task.WhenAll(Enumerable.Range(1, Concurrencies.Max()).Select(manager.CreateDoctor));
                var patients = await LiveBenchmark.RegisterPatients(gateway.Grains, options.Warmup + options.ProfiledBookings + (Concurrencies.Length * options.Bookings));
                var plan = LiveBenchmark.Plan(doctors, patients);
                var warm = await LiveBenchmark.BookAll(reception, plan[..options.Warmup], Concurrencies.Max());
                Refused("warm-up", warm, troubles);

                // One at a time, so every span belongs to the booking in flight.
                using (var profiler = BookingProfile.Start())
                {
                    var profiled = await LiveBenchmark.BookAll(reception, plan[options.Warmup..(options.Warmup + options.ProfiledBookings)], 1);
                    Refused("profile", profiled, troubles);
                    profile = options.ProfiledBookings > 0 ? profiler.PerBooking(options.ProfiledBookings) : [];
                }

                var contentionDoctor = await manager.CreateDoctor(Concurrencies.Max() + 1);
                var contenders = await LiveBenchmark.RegisterPatients(gateway.Grains, ContentionClients);
                var setup = setupClock.Elapsed;

                levels = new BookingLevel[Concurrencies.Length];
                for (var l = 0; l < Concurrencies.Length; l++)
                {
                    var from = options.Warmup + options.ProfiledBookings + (l * options.Bookings);
                    var started = Stopwatch.GetTimestamp();
                    var outcomes = await LiveBenchmark.BookAll(reception, plan[from..(from + options.Bookings)], Concurrencies[l]);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    Refused(string.Create(CultureInfo.InvariantCulture, $"c={Concurrencies[l]}"), outcomes, troubles);
                    levels[l] = new BookingLevel(
                        Concurrencies[l],
                        options.Bookings,
                        outcomes.Count(o => o.Status == HttpStatusCode.Created),
                        elapsed,
                        [.. outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order()]);
                }

                contention = await Contend(reception, contentionDoctor, contenders);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"booking: gateway part done (setup s={setup.TotalSeconds:0.0}); pgbench next"));
            }

            var doubleBookings = await Count(db, DoubleBookings);

            // The gateway has stopped: pgbench has the server to itself, as the gateway had it apart from pgbench.
            var ceiling = await PgbenchCeiling.Measure(postgres, Concurrencies, options.PgbenchDuration);
            troubles.AddRange(ceiling.Where(p => p.Trouble is not null).Select(p => p.Trouble!));
            return new BookingResult(
                DateTimeOffset.UtcNow,
                Environment.ProcessorCount,
                durability,
                levels,
                ceiling,
                contention,
                doubleBookings,
                troubles,
                profile);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>
    /// <see cref="ContentionClients"/> clients, all in flight at once, each a patient of its own booking one of
    /// <see cref="ContentionSlots"/> slots of one doctor (client j the j mod 20th).
    /// </summary>
    private static async Task<ContentionResult> Contend(ClinicClient reception, string doctor, string[] contenders)
    {
        var slots = LiveBenchmark.Plan([doctor], contenders[..ContentionSlots]);
        var plan = contenders.Select((patient, j) => slots[j % ContentionSlots] with { PatientId = patient }).ToArray();
        var outcomes = await LiveBenchmark.BookAll(reception, plan, plan.Length);
        var bookedSlots = outcomes.Where(o => o.Status == HttpStatusCode.Created).Select(o => o.Booking.Start).Distinct(StringComparer.Ordinal).Count();
        return new ContentionResult(
            plan.Length,
            ContentionSlots,
            outcomes.Count(o => o.Status == HttpStatusCode.Created),
            outcomes.Count(o => o.Status == HttpStatusCode.Conflict),
            bookedSlots,
            outcomes.Where(o => o.Status is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).GroupBy(o => o.Status).Select(g => $"{(int)g.Key} x{g.Count()}: {g.First().Problem}").ToList(),
            [.. outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order()]);
    }

    // Distinct slots for distinct patients: any refusal is a bug, not a figure.
    private static void Refused(string part, BookingOutcome[] outcomes, List<string> troubles)
    {
        foreach (var group in outcomes.Where(o => o.Status != HttpStatusCode.Created).GroupBy(o => o.Status))
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"{part}: {(int)group.Key} x{group.Count()}: {group.First().Problem}"));
        }
    }

    // Commits are durable only with synchronous_commit on; fsync is whatever the server runs with, and the result says which.
    internal static async Task<string> Durability(NpgsqlDataSource db, string name)
    {
        await using (var set = db.CreateCommand($"ALTER DATABASE \"{name}\" SET synchronous_commit = on"))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var show = db.CreateCommand("SELECT current_setting('fsync'), current_setting('server_version')");
        await using var reader = await show.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(1)}, synchronous_commit=on, fsync={reader.GetString(0)}";
    }

    private static async Task<long> Count(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
