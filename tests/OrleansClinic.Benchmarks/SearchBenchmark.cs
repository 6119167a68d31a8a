using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// Slot search over HTTP (<c>GET /api/v1/slots</c>) for a week across 100 and 1,000 doctors of one location and
/// specialty, on PostgreSQL: the first search after a restart, then searches at concurrency 1 and 8, each response
/// checked against the slots the benchmark booked.
/// </summary>
internal static class SearchBenchmark
{
    /// <summary>The concurrencies measured for each size.</summary>
    public static readonly int[] Concurrencies = [1, 8];

    private const string Specialty = "general_practice";
    private const int SlotsPerDay = 12;
    private const int SetupConcurrency = 16;

    // Searches made and checked before measuring, after the cold one: enough to JIT the path and fill connection pools.
    private const int WarmupSearches = 5;
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    /// <summary>Runs every size on one fresh database of <c>CLINIC_TEST_POSTGRES</c>'s server, or of a throwaway one.</summary>
    public static async Task<SearchResult> Run(BenchmarkOptions options)
    {
        var postgres = new PostgresServer { Durable = true };
        try
        {
            await postgres.InitializeAsync();
            var database = await postgres.CreateDatabaseAsync("bench_search");
            List<string> args = ["--ConnectionStrings:Clinic=" + database, .. TestVaultKeys.Settings.Select(s => $"--{s.Key}={s.Value}"), .. options.GatewayArgs];
            var week = Week();

            // Set up on one gateway and search on a second: the first search then activates every schedule day from the
            // database, as after a deployment, instead of finding them warm from the setup.
            var setupClock = Stopwatch.StartNew();
            var clinics = new List<SearchClinic>();
            await using (var gateway = await LiveGateway.Start(options.PollIntervals[0], args))
            {
                using var manager = await ClinicClient.SignIn(gateway.Address, "bench-manager", "practice_manager");
                foreach (var size in options.Doctors)
                {
                    clinics.Add(await Open(gateway.Grains, manager, size, week));
                }
            }

            var setup = setupClock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search: {clinics.Sum(c => c.Doctors.Length)} doctors created and {clinics.Sum(c => c.Booked.Count)} slots booked in {setup.TotalSeconds:0.0} s; searching"));

            var sizes = new List<SearchSize>();
            var troubles = new List<string>();
            await using (var gateway = await LiveGateway.Start(options.PollIntervals[0], args))
            {
                using var patient = await ClinicClient.SignIn(gateway.Address, "p-bench-searcher", "patient");
                foreach (var clinic in clinics)
                {
                    sizes.Add(await Measure(patient, clinic, week, options, troubles));
                }
            }

            return new SearchResult(DateTimeOffset.UtcNow, Environment.ProcessorCount, options.Searches, options.SearchLimit, setup, sizes, troubles);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    // From the Monday at least a week ahead, midnight to midnight in Sydney: every slot is past the booking notice.
    private static (OffsetDateTime From, OffsetDateTime To) Week()
    {
        var day = SystemClock.Instance.GetCurrentInstant().InZone(Sydney).Date.PlusDays(7);
        while (day.DayOfWeek != IsoDayOfWeek.Monday)
        {
            day = day.PlusDays(1);
        }

        return (day.AtStartOfDayInZone(Sydney).ToOffsetDateTime(), day.PlusDays(7).AtStartOfDayInZone(Sydney).ToOffsetDateTime());
    }

    /// <summary>
    /// Creates <paramref name="size"/> general practitioners over HTTP at a location of their own, and books one slot of
    /// each of their weekdays through the schedule grains (doctor i's day d at quarter hour (i + d) mod 12).
    /// </summary>
    private static async Task<SearchClinic> Open(IGrainFactory grains, ClinicClient manager, int size, (OffsetDateTime From, OffsetDateTime To) week)
    {
        var location = "loc-search-" + size.ToString(CultureInfo.InvariantCulture);
        var doctors = new string[size];
        await Parallel.ForAsync(0, size, new ParallelOptions { MaxDegreeOfParallelism = SetupConcurrency }, async (i, _) =>
            doctors[i] = await manager.CreateDoctor(i + 1, location));

        var monday = week.From.Date;
        var booked = new HashSet<(string, Instant)>();
        var plan = new List<(string Doctor, LocalDate Day, Instant Start)>();
        for (var i = 0; i < size; i++)
        {
            for (var d = 0; d < 5; d++)
            {
                var quarter = (i + d) % SlotsPerDay;
                var start = monday.PlusDays(d).At(new LocalTime(9 + (quarter / 4), quarter % 4 * 15)).InZoneLeniently(Sydney).ToInstant();
                plan.Add((doctors[i], monday.PlusDays(d), start));
                booked.Add((doctors[i], start));
            }
        }

        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = SetupConcurrency }, async (b, _) =>
        {
            var result = await grains.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(b.Doctor, b.Day)).Book("a-bench-" + Guid.NewGuid().ToString("N")[..12], b.Start);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"setup: booking {b.Doctor} at {b.Start} was refused: {result.Rejection}");
            }
        });

        return new SearchClinic(size, location, doctors, booked, (size * 5 * SlotsPerDay) - booked.Count);
    }

    /// <summary>The first search, a warm-up, then <see cref="BenchmarkOptions.Searches"/> at concurrency 1 and half as many at 8.</summary>
    private static async Task<SearchSize> Measure(ClinicClient client, SearchClinic clinic, (OffsetDateTime From, OffsetDateTime To) week, BenchmarkOptions options, List<string> troubles)
    {
        var path = string.Create(
            CultureInfo.InvariantCulture,
            $"/api/v1/slots?specialty={Specialty}&locationId={clinic.Location}&from={Uri.EscapeDataString(OffsetDateTimePattern.ExtendedIso.Format(week.From))}&to={Uri.EscapeDataString(OffsetDateTimePattern.ExtendedIso.Format(week.To))}");
        if (options.SearchLimit is { } limit)
        {
            path += "&limit=" + limit.ToString(CultureInfo.InvariantCulture);
        }

        var cold = await client.Get(path);
        var slots = Check(clinic, cold, options.SearchLimit, "cold", troubles);
        var reference = cold.Body;
        for (var w = 0; w < WarmupSearches; w++)
        {
            var warm = await client.Get(path);
            Check(clinic, warm, options.SearchLimit, "warm-up", troubles);
            reference = warm.Body;
        }

        var levels = new List<SearchLevel>();
        foreach (var concurrency in Concurrencies)
        {
            var count = concurrency == 1 ? options.Searches : Math.Max(concurrency, options.Searches / 2);
            var samples = new (HttpStatusCode Status, byte[] Body, TimeSpan Elapsed)[count];
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    samples[i] = await client.Get(path, reference);
                }
            })));
            var elapsed = Stopwatch.GetElapsedTime(started);

            // Every answer is checked: one the same, byte for byte, as the last warm-up's (checked in full) comes back empty,
            // and any other is parsed and checked after the clock stops (parsing competes with the searches for CPU).
            for (var i = 0; i < count; i++)
            {
                if (samples[i].Status != HttpStatusCode.OK || samples[i].Body.Length > 0)
                {
                    Check(clinic, samples[i], options.SearchLimit, string.Create(CultureInfo.InvariantCulture, $"c={concurrency}"), troubles);
                }
            }

            levels.Add(new SearchLevel(concurrency, count, elapsed, [.. samples.Select(s => s.Elapsed.TotalMilliseconds).Order()]));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search: {clinic.Size} doctors measured"));
        return new SearchSize(clinic.Size, clinic.FreeSlots, slots, cold.Body.Length, cold.Elapsed.TotalMilliseconds, levels);
    }

    /// <summary>
    /// Counts the slots of one response and notes a bug: a status other than 200, a slot the benchmark booked, a doctor
    /// of another location, or (without a limit) a free slot missing.
    /// </summary>
    private static int Check(SearchClinic clinic, (HttpStatusCode Status, byte[] Body, TimeSpan Elapsed) response, int? limit, string part, List<string> troubles)
    {
        if (response.Status != HttpStatusCode.OK)
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"{clinic.Size} doctors, {part}: {(int)response.Status} {System.Text.Encoding.UTF8.GetString(response.Body)}"));
            return 0;
        }

        var doctors = clinic.Doctors.ToHashSet(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        var (count, bookedSeen, strangers) = (0, 0, 0);
        Instant? previous = null;
        var unordered = 0;
        foreach (var slot in json.RootElement.EnumerateArray())
        {
            count++;
            var doctor = slot.GetProperty("doctorId").GetString()!;
            var start = OffsetDateTimePattern.ExtendedIso.Parse(slot.GetProperty("start").GetString()!).Value.ToInstant();
            bookedSeen += clinic.Booked.Contains((doctor, start)) ? 1 : 0;
            strangers += doctors.Contains(doctor) ? 0 : 1;
            unordered += previous > start ? 1 : 0;
            previous = start;
        }

        var expected = limit is { } l ? Math.Min(l, clinic.FreeSlots) : clinic.FreeSlots;
        if (bookedSeen > 0 || strangers > 0 || unordered > 0 || count != expected)
        {
            troubles.Add(string.Create(CultureInfo.InvariantCulture, $"{clinic.Size} doctors, {part}: {count} slots where {expected} are free, {bookedSeen} booked, {strangers} of other doctors, {unordered} out of order"));
        }

        return count;
    }

    /// <summary>The doctors of one size, at a location of their own, and the slots booked for them.</summary>
    private sealed record SearchClinic(int Size, string Location, string[] Doctors, HashSet<(string, Instant)> Booked, int FreeSlots);
}
