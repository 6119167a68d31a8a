using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using NodaTime;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Reassignments;
using OrleansClinic.Hosting;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The reassignment workflow of docs/reassignment.md at size: one doctor with many appointments becomes unavailable and
/// the workflow moves each to one of three colleagues (or flags it when all three are busy then). Measures the time
/// from <c>MarkUnavailable</c> to the workflow's completion, and each appointment's step.
/// </summary>
internal static class ReassignmentBenchmark
{
    private const int SlotsPerDay = 100;
    private const int SlotMinutes = 5;
    private const int SetupParallelism = 16;
    private const string ConnectionStringArg = "--ConnectionStrings:Clinic";
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];
    private static readonly LocalTime DayStart = new(9, 0);
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(100);

    // Longer than the workflow's one-minute resume reminder, so a stalled timer would be picked up again first.
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(3);

    // Colleague k is already booked at the time of appointment i when i is a multiple of BusyEvery[k]: every 5th time
    // only two are free, every 10th only one, every 50th none (that appointment needs attention).
    private static readonly int[] BusyEvery = [5, 10, 50];

    /// <summary>Runs once on a fresh gateway, on a fresh PostgreSQL database unless the arguments name the clinic's.</summary>
    public static async Task<ReassignmentResult> Run(BenchmarkOptions options, TimeSpan poll)
    {
        PostgresServer? postgres = null;
        try
        {
            var args = new List<string>();
            if (!NamesDatabase(options.GatewayArgs))
            {
                // CLINIC_TEST_POSTGRES's server, or a throwaway one, as the tests do; the database is dropped afterwards.
                postgres = new PostgresServer { Durable = true };
                await postgres.InitializeAsync();
                args.Add(ConnectionStringArg + "=" + await postgres.CreateDatabaseAsync("bench_reassign"));
            }

            var usesPostgres = ClinicHostOptions.From(new ConfigurationBuilder()
                .AddEnvironmentVariables()
                .AddCommandLine([.. args, .. options.GatewayArgs])
                .Build()).UsesPostgres;
            if (usesPostgres)
            {
                // The PII vault needs keys on PostgreSQL; arguments given to the benchmark still win.
                args.AddRange(TestVaultKeys.Settings.Select(s => $"--{s.Key}={s.Value}"));
            }

            await using var gateway = await LiveGateway.Start(poll, [.. args, .. options.GatewayArgs]);
            return await Measure(gateway.Grains, options.Appointments, usesPostgres ? "postgres" : "memory");
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    private static async Task<ReassignmentResult> Measure(IGrainFactory grains, int count, string store)
    {
        var setupClock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];

        // A location of its own, so no other doctor of the clinic (the demo seed, an earlier run) is a candidate.
        var location = "loc-bench-reassign-" + run;
        var absent = await Doctor(grains, $"d-bench-{run}-absent", location);
        var colleagues = new string[BusyEvery.Length];
        for (var k = 0; k < colleagues.Length; k++)
        {
            colleagues[k] = await Doctor(grains, $"d-bench-{run}-colleague-{k + 1}", location);
        }

        var days = Weekdays((count + SlotsPerDay - 1) / SlotsPerDay);
        var bookings = new List<(string Id, string DoctorId, int Slot)>();
        for (var i = 0; i < count; i++)
        {
            bookings.Add(($"a-bench-{run}-{i}", absent, i));
        }

        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < colleagues.Length; k++)
            {
                if (i % BusyEvery[k] == 0)
                {
                    bookings.Add(($"a-bench-{run}-busy-{k + 1}-{i}", colleagues[k], i));
                }
            }
        }

        // One fictional patient per booking, so no patient's appointments overlap.
        var patients = Enumerable.Range(0, bookings.Count).Select(j => $"p-bench-{run}-{j}").ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, patients.Length), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (j, _) =>
            await FictionalPatients.Register(grains, patients[j], j));
        await Parallel.ForEachAsync(Enumerable.Range(0, bookings.Count), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (j, _) =>
        {
            var (id, doctorId, slot) = bookings[j];
            var result = await grains.GetGrain<IAppointmentGrain>(id).Book(new BookAppointment(doctorId, patients[j], Start(days, slot), null));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"setting up: booking {id} was refused ({result.Error})");
            }
        });
        var expectedNeedsAttention = Enumerable.Range(0, count).Count(i => BusyEvery.All(every => i % every == 0));
        var setup = setupClock.Elapsed;

        var workflowId = $"r-bench-{run}";
        var absence = new DoctorAbsence(Midnight(days[0]), Midnight(days[^1].PlusDays(1)), AbsenceKind.Emergency, "benchmark", workflowId);
        var started = SystemClock.Instance.GetCurrentInstant();
        var call = Stopwatch.StartNew();
        var view = await grains.GetGrain<IDoctorGrain>(absent).MarkUnavailable(absence)
            ?? throw new InvalidOperationException($"doctor {absent} does not exist");
        var markUnavailable = call.Elapsed;
        (view, var trouble) = await WaitForEnd(grains.GetGrain<IReassignmentWorkflowGrain>(workflowId), view);

        // Both stamps come from this machine's clock: the silo's is the same.
        var total = ((view.FinishedAt ?? SystemClock.Instance.GetCurrentInstant()) - started).ToTimeSpan();
        var moved = view.Appointments.Count(a => a.Outcome == ReassignmentOutcome.Moved);
        var needsAttention = view.Appointments.Count(a => a.Outcome == ReassignmentOutcome.NeedsAttention);
        return new ReassignmentResult(
            store,
            count,
            colleagues.Length,
            bookings.Count - count,
            view.Appointments.Count,
            moved,
            needsAttention,
            expectedNeedsAttention,
            view.Appointments.Count - moved - needsAttention,
            total,
            markUnavailable,
            setup,
            await StepTimes(grains, view),
            trouble);
    }

    /// <summary>Polls the workflow until it is no longer running, or has made no progress for <see cref="Quiet"/>.</summary>
    private static async Task<(ReassignmentView View, string? Trouble)> WaitForEnd(IReassignmentWorkflowGrain workflow, ReassignmentView view)
    {
        var done = Done(view);
        var sinceProgress = Stopwatch.StartNew();
        while (view.Status == ReassignmentStatus.Running)
        {
            if (sinceProgress.Elapsed > Quiet)
            {
                return (view, string.Create(CultureInfo.InvariantCulture, $"gave up after {Quiet.TotalSeconds:0} s without progress at {done}/{view.Appointments.Count}"));
            }

            await Task.Delay(ProgressPoll);
            view = await workflow.Get() ?? view;
            if (Done(view) != done)
            {
                done = Done(view);
                sinceProgress.Restart();
            }
        }

        return (view, view.Status == ReassignmentStatus.Completed ? null : "the workflow ended " + view.Status.ToApiName());
    }

    private static int Done(ReassignmentView view) => view.Appointments.Count(a => a.Outcome != ReassignmentOutcome.Pending);

    /// <summary>
    /// The time between consecutive appointments' reassigned/needs_attention history stamps, in the workflow's order:
    /// one step each (the move or flag, the workflow's save, the timer's 5 ms pause), sorted, in milliseconds.
    /// </summary>
    private static async Task<List<double>> StepTimes(IGrainFactory grains, ReassignmentView view)
    {
        var stamps = new Instant?[view.Appointments.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, stamps.Length), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
        {
            var appointment = await grains.GetGrain<IAppointmentGrain>(view.Appointments[i].AppointmentId).Get();
            stamps[i] = appointment?.History.LastOrDefault(h => h.Note == view.Id && (h.Action is "reassigned" or "needs_attention"))?.At;
        });

        var steps = new List<double>(stamps.Length);
        for (var i = 1; i < stamps.Length; i++)
        {
            if (stamps[i - 1] is { } before && stamps[i] is { } after)
            {
                steps.Add((after - before).TotalMilliseconds);
            }
        }

        steps.Sort();
        return steps;
    }

    /// <summary>Creates a general practitioner at <paramref name="location"/> with 5-minute slots 09:00–17:20 on weekdays: 100 a day.</summary>
    private static async Task<string> Doctor(IGrainFactory grains, string id, string location)
    {
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var end = DayStart.PlusMinutes(SlotsPerDay * SlotMinutes);
        var availability = new Availability([.. weekdays.Select(d => new WeeklyWindow(d, DayStart, end))], []);
        await grains.GetGrain<IDoctorGrain>(id).Create(new NewDoctor("Dr Bench " + id, "general_practice", location, "Australia/Sydney", SlotMinutes, availability));
        return id;
    }

    // Consecutive weekdays from the Monday at least a week ahead, so every slot is bookable whatever the time of day.
    private static LocalDate[] Weekdays(int count)
    {
        var days = new List<LocalDate>(count);
        var monday = SystemClock.Instance.GetCurrentInstant().InZone(Sydney).Date.PlusDays(7).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Monday));
        for (var day = monday; days.Count < count; day = day.PlusDays(1))
        {
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                days.Add(day);
            }
        }

        return [.. days];
    }

    private static Instant Start(LocalDate[] days, int i) =>
        days[i / SlotsPerDay].At(DayStart.PlusMinutes(i % SlotsPerDay * SlotMinutes)).InZoneStrictly(Sydney).ToInstant();

    private static Instant Midnight(LocalDate day) => day.AtStartOfDayInZone(Sydney).ToInstant();

    // The gateway reads ConnectionStrings:Clinic from its arguments and from the environment alike.
    private static bool NamesDatabase(IReadOnlyList<string> gatewayArgs) =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Clinic") is not null
        || gatewayArgs.Any(a => a.StartsWith(ConnectionStringArg, StringComparison.OrdinalIgnoreCase)
            && (a.Length == ConnectionStringArg.Length || a[ConnectionStringArg.Length] == '='));
}
