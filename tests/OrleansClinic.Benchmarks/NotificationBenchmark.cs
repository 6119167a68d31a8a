using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Hosting;
using OrleansClinic.Testing.Cluster;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The notification pipeline of docs/notifications.md end to end: HTTP booking → outbox → Kafka → the patient's
/// <c>NotificationGrain</c> → consent check → ledger claim → the Twilio SDK's call, answered by a local stand-in.
/// Measures from the first booking request until the stand-in has received one SMS per booking, and checks that every
/// booking was texted exactly once.
/// </summary>
internal static class NotificationBenchmark
{
    private const int SlotsPerDoctorDay = 12;
    private const string AccountSid = "AC01010101010101010101010101010101";
    private const string PhonePrefix = "+61491570";
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    // No new SMS for this long means nothing more is coming; a minute covers the pipeline's start-up (Kafka consumers).
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(60);

    // After the last expected SMS, how long to keep listening for duplicates.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>Runs once on a fresh gateway (embedded unless the arguments name a PostgreSQL database) and returns its figures.</summary>
    public static async Task<NotificationResult> Run(BenchmarkOptions options, TimeSpan poll)
    {
        await using var provider = new ProviderStandIn();
        var args = new List<string>
        {
            "--Notifications:Twilio:AccountSid=" + AccountSid,
            "--Notifications:Twilio:AuthToken=stand-in-token",
            "--Notifications:Twilio:From=+61491570006",
            "--Notifications:Twilio:BaseUrl=" + provider.Url.AbsoluteUri,
        };
        var host = ClinicHostOptions.From(new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine([.. args, .. options.GatewayArgs])
            .Build());
        if (host.UsesPostgres)
        {
            // The PII vault needs keys on PostgreSQL, and notices need events: the in-process Kafka unless one is named.
            args.AddRange(TestVaultKeys.Settings.Select(s => $"--{s.Key}={s.Value}"));
            if (!host.PublishesEvents)
            {
                args.Add("--Kafka:BootstrapServers=" + ClinicHostOptions.EmbeddedKafkaValue);
            }
        }

        await using var gateway = await LiveGateway.Start(poll, [.. args, .. options.GatewayArgs]);
        using var staff = await ClinicClient.SignIn(gateway.Address, "bench-manager", "practice_manager");

        var setupClock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        var doctors = await Task.WhenAll(Enumerable.Range(1, options.Concurrency).Select(staff.CreateDoctor));
        var names = Enumerable.Range(1, options.Concurrency).Select(n => "Dr Bench " + n.ToString(CultureInfo.InvariantCulture)).ToArray();

        // Patient 0 is the warm-up; patient i >= 1 has phone number (i - 1) mod 1000 of the fictional range.
        var patients = Enumerable.Range(0, options.Notifications + 1).Select(i => $"p-bench-notify-{run}-{i.ToString(CultureInfo.InvariantCulture)}").ToArray();
        var phones = Enumerable.Range(0, patients.Length).Select(i => Phone(i == 0 ? 999 : (i - 1) % 1000)).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, patients.Length), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            await RegisterWithSmsConsent(gateway.Grains, patients[i], phones[i], i));
        var plan = Plan(doctors, patients);

        // The warm-up booking's SMS means the pipeline has started and the setup's events ahead of it in the outbox are out.
        var warm = await staff.Book(plan[0]);
        if (warm.Status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"the warm-up booking was refused: {(int)warm.Status} {warm.Problem}");
        }

        if (!await WaitForSms(provider, 1))
        {
            throw new InvalidOperationException($"the warm-up booking's SMS did not arrive within {Quiet.TotalSeconds:0} s");
        }

        var setup = setupClock.Elapsed;
        var baseline = provider.SmsCount;
        var measured = plan[1..];
        var started = Stopwatch.GetTimestamp();
        var outcomes = await BookAll(staff, measured, options.Concurrency);
        var bookingTime = Stopwatch.GetElapsedTime(started);
        var booked = outcomes.Count(o => o.Outcome.Status == HttpStatusCode.Created);
        var arrived = await WaitForSms(provider, baseline + booked);
        await Task.Delay(Grace);

        var arrivals = provider.Sms.Skip(baseline).ToList();
        var lastExpected = arrivals.Count >= booked && booked > 0 ? arrivals[booked - 1].At : arrivals.LastOrDefault()?.At ?? started;
        var trouble = arrived ? null : string.Create(CultureInfo.InvariantCulture, $"gave up after {Quiet.TotalSeconds:0} s without an SMS at {arrivals.Count}/{booked}");
        return Measure(options, poll, host.UsesPostgres ? "postgres" : "memory", setup, bookingTime, Stopwatch.GetElapsedTime(started, lastExpected), outcomes, names, doctors, arrivals, trouble);
    }

    private static NotificationResult Measure(
        BenchmarkOptions options, TimeSpan poll, string store, TimeSpan setup, TimeSpan bookingTime, TimeSpan elapsed,
        TimedBooking[] outcomes, string[] names, string[] doctors, List<SmsArrival> arrivals, string? trouble)
    {
        // An SMS belongs to the booking of its recipient whose doctor and local time its text names.
        var byPhone = outcomes.Where(o => o.Outcome.Status == HttpStatusCode.Created)
            .GroupBy(o => o.Phone, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => (Booking: o, Text: Fragment(o, names, doctors))).ToList(), StringComparer.Ordinal);
        var texted = new HashSet<TimedBooking>(ReferenceEqualityComparer.Instance);
        var latencies = new List<double>(outcomes.Length);
        var (duplicates, unmatched) = (0, 0);
        foreach (var sms in arrivals)
        {
            var match = byPhone.GetValueOrDefault(sms.To)?.FirstOrDefault(c => sms.Body.Contains(c.Text, StringComparison.Ordinal)).Booking;
            if (match is null)
            {
                unmatched++;
            }
            else if (!texted.Add(match))
            {
                duplicates++;
            }
            else
            {
                latencies.Add(Stopwatch.GetElapsedTime(match.RespondedAt, sms.At).TotalMilliseconds);
            }
        }

        latencies.Sort();
        return new NotificationResult(
            store,
            poll,
            options.Notifications,
            options.Concurrency,
            outcomes.Count(o => o.Outcome.Status == HttpStatusCode.Created),
            arrivals.Count,
            texted.Count,
            duplicates,
            unmatched,
            elapsed,
            bookingTime,
            setup,
            latencies,
            [.. outcomes.Select(o => o.Outcome.Elapsed.TotalMilliseconds).Order()],
            [.. outcomes.Where(o => o.Outcome.Status != HttpStatusCode.Created).GroupBy(o => o.Outcome.Status).Select(g => $"{(int)g.Key} x{g.Count()}: {g.First().Outcome.Problem}")],
            trouble);
    }

    // What the confirmation says of the booking: "Dr Bench 3 on Tuesday 1 December 2026 at 9:00 AM" (the doctor's zone).
    private static string Fragment(TimedBooking booking, string[] names, string[] doctors)
    {
        var name = names[Array.IndexOf(doctors, booking.Outcome.Booking.DoctorId)];
        var local = booking.Outcome.Booking.StartsAt.DateTime.ToString("dddd d MMMM yyyy 'at' h:mm tt", CultureInfo.InvariantCulture);
        return $"{name} on {local}";
    }

    /// <summary>Waits until the stand-in has <paramref name="count"/> SMS; false after <see cref="Quiet"/> without a new one.</summary>
    private static async Task<bool> WaitForSms(ProviderStandIn provider, int count)
    {
        var seen = provider.SmsCount;
        var sinceProgress = Stopwatch.StartNew();
        while (provider.SmsCount < count)
        {
            if (sinceProgress.Elapsed > Quiet)
            {
                return false;
            }

            await Task.Delay(5);
            if (provider.SmsCount != seen)
            {
                seen = provider.SmsCount;
                sinceProgress.Restart();
            }
        }

        return true;
    }

    private static async Task RegisterWithSmsConsent(IGrainFactory grains, string patientId, string phone, int n)
    {
        var details = new PersonalDetails("Testa", "Fixtureson", new LocalDate(1980, 1, 1).PlusDays(n % 10_000), null, phone, null, null);
        if (await grains.GetGrain<IPatientGrain>(patientId).Register(details, FictionalPatients.Fixture) is null)
        {
            throw new InvalidOperationException($"setting up: patient {patientId} could not be registered");
        }

        await grains.GetGrain<IPatientConsentGrain>(patientId).Set("sms_reminders", granted: true, policyVersion: 1);
    }

    // Numbers in the 0491 570 xxx range ACMA reserves for fiction.
    private static string Phone(int n) => PhonePrefix + n.ToString("D3", CultureInfo.InvariantCulture);

    // Booking i goes to doctor i mod D, so bookings in flight together hit different schedules, each in its own quarter hour.
    private static PlannedBooking[] Plan(string[] doctors, string[] patients)
    {
        var perDoctor = (patients.Length + doctors.Length - 1) / doctors.Length;
        var days = Weekdays((perDoctor + SlotsPerDoctorDay - 1) / SlotsPerDoctorDay);
        return [.. patients.Select((patient, i) =>
        {
            var k = i / doctors.Length;
            var slot = k % SlotsPerDoctorDay;
            var start = days[k / SlotsPerDoctorDay].At(new LocalTime(9 + (slot / 4), slot % 4 * 15)).InZoneLeniently(Sydney).ToOffsetDateTime();
            return new PlannedBooking(doctors[i % doctors.Length], patient, OffsetDateTimePattern.ExtendedIso.Format(start), start.ToDateTimeOffset());
        })];
    }

    // Sydney weekdays from a week ahead, so every slot is bookable whatever the time of day.
    private static LocalDate[] Weekdays(int count)
    {
        var days = new List<LocalDate>(count);
        for (var day = SystemClock.Instance.GetCurrentInstant().InZone(Sydney).Date.PlusDays(7); days.Count < count; day = day.PlusDays(1))
        {
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }

        return [.. days];
    }

    private static async Task<TimedBooking[]> BookAll(ClinicClient client, PlannedBooking[] plan, int concurrency)
    {
        var outcomes = new TimedBooking[plan.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, plan.Length)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < plan.Length; i = Interlocked.Increment(ref next))
            {
                var outcome = await client.Book(plan[i]);
                outcomes[i] = new TimedBooking(outcome, Phone(i % 1000), Stopwatch.GetTimestamp());
            }
        })));
        return outcomes;
    }
}

/// <summary>One measured booking: what the API answered, the patient's phone, and when the answer was read (<see cref="Stopwatch.GetTimestamp"/>).</summary>
internal sealed record TimedBooking(BookingOutcome Outcome, string Phone, long RespondedAt);
