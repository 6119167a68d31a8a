using Npgsql;
using NodaTime;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Reassignments;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// The workflow's durability on a real cluster: 200 appointments over two days, the silo running the workflow killed
/// part-way; every appointment ends moved or flagged, once, with no slot double-booked anywhere.
/// </summary>
public sealed class ReassignmentClusterTests(PostgresServer postgres)
{
    private const int Appointments = 200;
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    [Fact]
    public async Task Two_hundred_appointments_survive_a_killed_silo_each_moved_or_flagged_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reassign_kill");
        await using var clinic = await PostgresCluster.Start(connectionString);
        var grains = clinic.Grains;
        var days = new[] { ClinicCalls.FutureWeekday(2, IsoDayOfWeek.Monday), ClinicCalls.FutureWeekday(2, IsoDayOfWeek.Tuesday) };
        var (absent, first, second) = (await Doctor(grains, "d-kill-absent"), await Doctor(grains, "d-kill-first"), await Doctor(grains, "d-kill-second"));

        await FictionalPatients.RegisterAll(grains, [.. Enumerable.Range(0, Appointments + 30).Select(i => $"p-kill-{i}")]);
        for (var i = 0; i < Appointments; i++)
        {
            await Book(grains, $"a-kill-{i}", absent, $"p-kill-{i}", Start(days, i));
        }

        // Colleagues are busy at some of those times: every 10th only the second is free, every 20th nobody is.
        var blocker = Appointments;
        for (var i = 0; i < Appointments; i += 10)
        {
            await Book(grains, $"a-kill-busy-first-{i}", first, $"p-kill-{blocker++}", Start(days, i));
            if (i % 20 == 0)
            {
                await Book(grains, $"a-kill-busy-second-{i}", second, $"p-kill-{blocker++}", Start(days, i));
            }
        }

        var absence = new DoctorAbsence(Midnight(days[0]), Midnight(days[1].PlusDays(1)), AbsenceKind.Emergency, "unwell", "r-kill");
        Assert.NotNull(await grains.GetGrain<IDoctorGrain>(absent).MarkUnavailable(absence));
        var workflow = grains.GetGrain<IReassignmentWorkflowGrain>("r-kill");

        // Kill the silo the workflow runs on once it is well under way.
        await WaitFor(async () => (await workflow.Get())!.Appointments.Count(a => a.Outcome != ReassignmentOutcome.Pending) >= 40, TimeSpan.FromMinutes(2));
        var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(workflow);
        var victim = clinic.Cluster.Silos.OfType<InProcessSiloHandle>().Single(s => s.SiloAddress.Equals(host));
        var doneBeforeKill = (await workflow.Get())!.Appointments.Count(a => a.Outcome != ReassignmentOutcome.Pending);
        await clinic.Cluster.KillSiloAsync(victim);
        Assert.True(doneBeforeKill < Appointments, "the workflow finished before the silo could be killed");

        await WaitFor(async () => await Get(workflow) is { Status: not ReassignmentStatus.Running }, TimeSpan.FromMinutes(4));
        var result = (await Get(workflow))!;

        Assert.Equal(ReassignmentStatus.Completed, result.Status);
        Assert.Equal(Appointments, result.Appointments.Count);
        Assert.Equal(Appointments / 20, result.Appointments.Count(a => a.Outcome == ReassignmentOutcome.NeedsAttention));
        Assert.Equal(Appointments - (Appointments / 20), result.Appointments.Count(a => a.Outcome == ReassignmentOutcome.Moved));
        for (var i = 0; i < Appointments; i++)
        {
            var view = (await grains.GetGrain<IAppointmentGrain>($"a-kill-{i}").Get())!;
            Assert.Equal(Start(days, i), view.Start);
            var expected = i % 20 == 0 ? absent : i % 10 == 0 ? second : null;
            Assert.Equal(i % 20 == 0 ? AppointmentStatus.NeedsAttention : AppointmentStatus.Booked, view.Status);
            if (expected is not null)
            {
                Assert.Equal(expected, view.DoctorId);
            }
            else
            {
                Assert.Contains(view.DoctorId, new[] { first, second });
            }

            // Done once: one reassignment (or one flag) in its history, however often the step ran.
            Assert.Single(view.History, h => h.Action is "reassigned" or "needs_attention");
        }

        // No slot holds two appointments, in the schedules or in the database the booking constraint guards.
        foreach (var doctor in new[] { absent, first, second })
        {
            foreach (var day in days)
            {
                var bookings = await grains.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor, day)).GetBookings();
                Assert.Equal(bookings.Count, bookings.Select(b => b.Start).Distinct().Count());
            }
        }

        Assert.Equal(0L, await Scalar(connectionString,
            "SELECT count(*) FROM (SELECT doctor_id, slot_start FROM appointments.appointment WHERE holds_slot GROUP BY 1, 2 HAVING count(*) > 1) d"));
        // Each moved patient's appointment announced its move exactly once (what the notifications will consume).
        Assert.Equal(0L, await Scalar(connectionString,
            "SELECT count(*) FROM (SELECT entity_key FROM outbox.event WHERE event_type = 'appointment.reassigned' GROUP BY 1 HAVING count(*) > 1) d"));
        Assert.Equal((long)(Appointments - (Appointments / 20)), await Scalar(connectionString,
            "SELECT count(*) FROM outbox.event WHERE event_type = 'appointment.reassigned'"));
    }

    private static async Task<string> Doctor(IGrainFactory grains, string id)
    {
        // 5-minute slots 09:00–17:20: 100 a day.
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var availability = new Availability([.. weekdays.Select(d => new WeeklyWindow(d, new LocalTime(9, 0), new LocalTime(17, 20)))], []);
        await grains.GetGrain<IDoctorGrain>(id).Create(new NewDoctor("Dr Test Fixture", "general_practice", "loc-kill", "Australia/Sydney", 5, availability));
        return id;
    }

    private static async Task Book(IGrainFactory grains, string id, string doctor, string patient, Instant start)
    {
        var result = await grains.GetGrain<IAppointmentGrain>(id).Book(new BookAppointment(doctor, patient, start, null));
        Assert.True(result.Succeeded, $"{id}: {result.Error}");
    }

    private static Instant Start(LocalDate[] days, int i) =>
        days[i / 100].At(new LocalTime(9, 0).PlusMinutes(i % 100 * 5)).InZoneStrictly(Sydney).ToInstant();

    private static Instant Midnight(LocalDate day) => day.AtStartOfDayInZone(Sydney).ToInstant();

    /// <summary>Reads the workflow, retrying while its silo's death is still being noticed.</summary>
    private static async Task<ReassignmentView?> Get(IReassignmentWorkflowGrain workflow)
    {
        try
        {
            return await workflow.Get();
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            return new ReassignmentView("", "", default, default, ReassignmentStatus.Running, default, null, []);
        }
    }

    private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
