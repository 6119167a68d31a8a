using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Testing.Cluster;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// One setting of the live benchmark: books through HTTP while one staff SSE connection watches <c>/clinic/events</c>,
/// and measures how long each committed booking takes to reach that connection.
/// </summary>
internal static class LiveBenchmark
{
    private const string Booked = "appointment.booked";
    private const string SlotBooked = "slot.booked";
    private const int SlotsPerDoctorDay = 12;
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    /// <summary>Runs one setting on a fresh gateway and returns its figures.</summary>
    public static async Task<LiveResult> Run(BenchmarkOptions options, TimeSpan poll)
    {
        await using var gateway = await LiveGateway.Start(poll, options.GatewayArgs);
        using var staff = await ClinicClient.SignIn(gateway.Address, "bench-manager", "practice_manager");
        await using var sse = await SseClient.Open(staff, "/api/v1/clinic/events");
        using var tap = gateway.EmbeddedKafka is { } kafka ? new KafkaTap(kafka, Hosting.Events.EmbeddedKafka.Partitions) : null;

        var doctors = await Task.WhenAll(Enumerable.Range(1, options.Concurrency).Select(staff.CreateDoctor));
        var total = options.Warmup + options.Bookings;
        var patients = await RegisterPatients(gateway.Grains, total);
        var plan = Plan(doctors, patients);

        // Quiet limit for "nothing more is coming": several poll rounds, never less than the pipeline's start-up time.
        var quiet = TimeSpan.FromSeconds(Math.Max(10, 5 * poll.TotalSeconds));

        // The clinic stream is one partition in outbox order, so once the warm-up's last booking arrived, every earlier
        // event (demo seed, doctors, patients) did too and everything arriving later belongs to the measured bookings.
        var warm = await BookAll(staff, plan[..options.Warmup], options.Concurrency);
        var warmBooked = warm.Count(o => o.Status == HttpStatusCode.Created);
        var warmedUp = await sse.WaitFor(Booked, warmBooked, quiet);

        var measureStart = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var outcomes = await BookAll(staff, plan[options.Warmup..], options.Concurrency);
        var bookingTime = clock.Elapsed;
        var booked = outcomes.Where(o => o.Status == HttpStatusCode.Created).ToList();
        var complete = await sse.WaitFor(Booked, warmBooked + booked.Count, quiet);

        var arrivals = sse.Snapshot().Where(a => a.At >= measureStart).ToList();
        var trouble = sse.Ended ?? (warmedUp && complete ? null : "gave up waiting after " + Ms(quiet) + " ms without events");
        return Measure(poll, options.Bookings, options.Concurrency, measureStart, bookingTime, outcomes, booked, arrivals, tap, trouble);
    }

    /// <summary>
    /// Matches <paramref name="arrivals"/> at one staff watcher of <c>/clinic/events</c> to the <paramref name="booked"/>
    /// bookings: commit-to-SSE per booking, and each booking's two events received once.
    /// </summary>
    internal static LiveResult Measure(
        TimeSpan poll, int bookings, int concurrency, DateTimeOffset measureStart, TimeSpan bookingTime, IReadOnlyList<BookingOutcome> outcomes,
        List<BookingOutcome> booked, List<SseArrival> arrivals, KafkaTap? tap, string? trouble)
    {
        var expectedAppointments = booked.Select(o => o.AppointmentId!).ToHashSet(StringComparer.Ordinal);
        var expectedSlots = booked.Select(o => SlotKey(o.Booking.DoctorId, o.Booking.StartsAt)).ToHashSet(StringComparer.Ordinal);
        var seenAppointments = new HashSet<string>(StringComparer.Ordinal);
        var seenSlots = new HashSet<string>(StringComparer.Ordinal);
        var latencies = new List<double>(booked.Count);
        var (toKafka, fromKafka) = (new List<double>(booked.Count), new List<double>(booked.Count));
        var duplicates = 0;
        foreach (var arrival in arrivals)
        {
            using var data = JsonDocument.Parse(arrival.Data);
            var entity = data.RootElement.GetProperty("entity");
            if (arrival.Type == Booked && entity.GetProperty("appointmentId").GetString() is { } id && expectedAppointments.Contains(id))
            {
                if (!seenAppointments.Add(id))
                {
                    duplicates++;
                    continue;
                }

                var occurredAt = DateTimeOffset.Parse(data.RootElement.GetProperty("occurredAt").GetString()!, CultureInfo.InvariantCulture);
                latencies.Add((arrival.At - occurredAt).TotalMilliseconds);
                if (tap?.ProducedAt(id) is { } producedAt)
                {
                    toKafka.Add((producedAt - occurredAt).TotalMilliseconds);
                    fromKafka.Add((arrival.At - producedAt).TotalMilliseconds);
                }
            }
            else if (arrival.Type == SlotBooked
                && SlotKey(entity.GetProperty("doctorId").GetString()!, InstantPattern.ExtendedIso.Parse(entity.GetProperty("start").GetString()!).Value.ToDateTimeOffset()) is var key
                && expectedSlots.Contains(key) && !seenSlots.Add(key))
            {
                duplicates++;
            }
        }

        latencies.Sort();
        toKafka.Sort();
        fromKafka.Sort();
        var posts = outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();

        // From the first POST to the last event: the rate a watching screen sees, tail included.
        var sseSpan = arrivals.Count == 0 ? TimeSpan.Zero : arrivals[^1].At - measureStart;
        return new LiveResult(
            poll,
            bookings,
            concurrency,
            booked.Count / bookingTime.TotalSeconds,
            sseSpan > TimeSpan.Zero ? arrivals.Count / sseSpan.TotalSeconds : 0,
            latencies,
            toKafka,
            fromKafka,
            posts,
            seenAppointments.Count + seenSlots.Count,
            expectedAppointments.Count + expectedSlots.Count,
            duplicates,
            arrivals.GroupBy(a => a.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            outcomes.Where(o => o.Status != HttpStatusCode.Created).GroupBy(o => o.Status).Select(g => $"{(int)g.Key} x{g.Count()}: {g.First().Problem}").ToList(),
            trouble);
    }

    /// <summary>Registers <paramref name="count"/> fictional patients through the grains; returns their ids.</summary>
    internal static async Task<string[]> RegisterPatients(IGrainFactory grains, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => "p-bench-" + Guid.NewGuid().ToString("N")[..12]).ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, _) =>
            await FictionalPatients.Register(grains, id));
        return ids;
    }

    /// <summary>One distinct quarter-hour slot per patient, patient i with doctor i mod D, from a week ahead.</summary>
    // Booking i goes to doctor i mod D, so bookings in flight together hit different schedules rather than queueing on one grain.
    internal static PlannedBooking[] Plan(string[] doctors, string[] patients)
    {
        var perDoctor = (patients.Length + doctors.Length - 1) / doctors.Length;
        var days = Weekdays((perDoctor + SlotsPerDoctorDay - 1) / SlotsPerDoctorDay);
        return patients.Select((patient, i) =>
        {
            var k = i / doctors.Length;
            var slot = k % SlotsPerDoctorDay;
            var start = days[k / SlotsPerDoctorDay].At(new LocalTime(9 + (slot / 4), slot % 4 * 15)).InZoneLeniently(Sydney).ToOffsetDateTime();
            return new PlannedBooking(doctors[i % doctors.Length], patient, OffsetDateTimePattern.ExtendedIso.Format(start), start.ToDateTimeOffset());
        }).ToArray();
    }

    // From a week ahead, so every slot is bookable whatever the time of day.
    private static LocalDate[] Weekdays(int count)
    {
        var days = new List<LocalDate>(count);
        for (var day = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(7); days.Count < count; day = day.PlusDays(1))
        {
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }

        return [.. days];
    }

    /// <summary>Makes every booking of <paramref name="plan"/> over HTTP, <paramref name="concurrency"/> in flight; outcomes in plan order.</summary>
    internal static async Task<BookingOutcome[]> BookAll(ClinicClient client, PlannedBooking[] plan, int concurrency)
    {
        var outcomes = new BookingOutcome[plan.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, plan.Length)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < plan.Length; i = Interlocked.Increment(ref next))
            {
                outcomes[i] = await client.Book(plan[i]);
            }
        })));
        return outcomes;
    }

    private static string SlotKey(string doctorId, DateTimeOffset start) =>
        doctorId + "|" + start.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
