using Npgsql;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Grains.Tests;

/// <summary>
/// Sagas interrupted by a silo dying between their steps finish on the next activation, or by the unfinished-appointment
/// sweep when nobody calls, holding exactly one slot.
/// </summary>
public sealed class SagaRecoveryTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_reschedule_cut_off_by_a_silo_crash_between_steps_ends_holding_exactly_the_new_slot()
    {
        await using var clinic = await PostgresCluster.Start(await postgres.CreateDatabaseAsync("saga_reschedule"), extraSiloConfigurator: typeof(SagaFaultConfigurator));
        var grains = clinic.Grains;
        var (doctor, patient) = (await TestClinic.Doctor(grains), await TestClinic.Patient(grains));
        var appointment = grains.GetGrain<IAppointmentGrain>("a-" + Guid.NewGuid().ToString("N"));
        Assert.True((await appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), null))).Succeeded);

        var pausedOn = SagaFault.Arm(appointment.GetGrainId());
        var reschedule = appointment.Reschedule(TestClinic.At(10, 0), null);
        await KillSiloWhenPaused(clinic, pausedOn);
        await Assert.ThrowsAnyAsync<Exception>(() => reschedule);

        // The next call activates the appointment on the surviving silo, which finishes the saga it finds written down.
        var view = await appointment.Get();
        Assert.Equal(TestClinic.At(10, 0), view!.Start);
        Assert.Equal(AppointmentStatus.Booked, view.Status);
        var bookings = await TestClinic.Schedule(grains, doctor).GetBookings();
        Assert.Equal(TestClinic.At(10, 0), Assert.Single(bookings).Start);
        Assert.Equal([TestClinic.At(10, 0).ToDateTimeUtc()], await SlotsHeldInDatabase(clinic, doctor));
    }

    [Fact]
    public async Task A_booking_cut_off_by_a_silo_crash_between_steps_is_finished_on_the_next_call()
    {
        await using var clinic = await PostgresCluster.Start(await postgres.CreateDatabaseAsync("saga_book"), extraSiloConfigurator: typeof(SagaFaultConfigurator));
        var grains = clinic.Grains;
        var (doctor, patient) = (await TestClinic.Doctor(grains), await TestClinic.Patient(grains));
        var appointment = grains.GetGrain<IAppointmentGrain>("a-" + Guid.NewGuid().ToString("N"));

        var pausedOn = SagaFault.Arm(appointment.GetGrainId());
        var booking = appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(11, 0), null));
        await KillSiloWhenPaused(clinic, pausedOn);
        await Assert.ThrowsAnyAsync<Exception>(() => booking);

        var view = await appointment.Get();
        Assert.Equal(AppointmentStatus.Booked, view!.Status);
        Assert.Equal(appointment.GetPrimaryKeyString(), Assert.Single(await TestClinic.Schedule(grains, doctor).GetBookings()).AppointmentId);
        Assert.Equal([TestClinic.At(11, 0).ToDateTimeUtc()], await SlotsHeldInDatabase(clinic, doctor));
    }

    [Fact]
    public async Task A_booking_cut_off_by_a_silo_crash_is_finished_by_the_sweep_without_anyone_calling_the_appointment()
    {
        await using var clinic = await PostgresCluster.Start(await postgres.CreateDatabaseAsync("saga_sweep"), extraSiloConfigurator: typeof(QuickSweepConfigurator));
        var grains = clinic.Grains;
        var (doctor, patient) = (await TestClinic.Doctor(grains), await TestClinic.Patient(grains));
        var appointment = grains.GetGrain<IAppointmentGrain>("a-" + Guid.NewGuid().ToString("N"));

        // A booking that finishes writes no reminder at all: the sweep, not a reminder per booking, covers crashes.
        var earlier = grains.GetGrain<IAppointmentGrain>("a-" + Guid.NewGuid().ToString("N"));
        Assert.True((await earlier.Book(new BookAppointment(doctor, patient, TestClinic.At(9, 0), null))).Succeeded);
        Assert.Equal(0, await Scalar(clinic, "select count(*) from public.orleansreminderstable where grainid like 'appointment/%'"));

        var pausedOn = SagaFault.Arm(appointment.GetGrainId());
        var booking = appointment.Book(new BookAppointment(doctor, patient, TestClinic.At(10, 0), null));
        await KillSiloWhenPaused(clinic, pausedOn);
        await Assert.ThrowsAnyAsync<Exception>(() => booking);

        // Only the database is read from here on: an activation by the test would finish the saga itself, so only the
        // sweep can (the interrupted call failed with its silo, and no reminder fires within the minute).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await RowState(clinic, appointment.GetPrimaryKeyString()) != "booked")
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweep never finished the booking");
            await Task.Delay(250);
        }

        Assert.Equal([TestClinic.At(9, 0).ToDateTimeUtc(), TestClinic.At(10, 0).ToDateTimeUtc()], await SlotsHeldInDatabase(clinic, doctor));
    }

    private static async Task KillSiloWhenPaused(PostgresCluster clinic, Task<SiloAddress> pausedOn)
    {
        var address = await pausedOn.WaitAsync(TimeSpan.FromSeconds(30));
        var silo = clinic.Cluster.Silos.Single(s => s.SiloAddress.Equals(address));
        await clinic.Cluster.KillSiloAsync(silo);
        SagaFault.Release();
    }

    // "booked" once the saga is done; "unfinished" while the payload still carries it, as the sweep's index sees it.
    private static async Task<string> RowState(PostgresCluster clinic, string appointmentId)
    {
        await using var connection = new NpgsqlConnection(clinic.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select case when jsonb_typeof(payload -> 'pending') = 'object' or payload -> 'slotsToRelease' <> '[]'::jsonb then 'unfinished'
                        else coalesce(status, 'none') end
            from appointments.appointment where grain_id = 'appointment/' || @id
            """,
            connection);
        command.Parameters.AddWithValue("id", appointmentId);
        return (string?)await command.ExecuteScalarAsync() ?? "no row";
    }

    private static async Task<long> Scalar(PostgresCluster clinic, string sql)
    {
        await using var connection = new NpgsqlConnection(clinic.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<DateTime>> SlotsHeldInDatabase(PostgresCluster clinic, string doctorId)
    {
        await using var connection = new NpgsqlConnection(clinic.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select slot_start from appointments.appointment where doctor_id = @d and holds_slot order by slot_start", connection);
        command.Parameters.AddWithValue("d", doctorId);
        var starts = new List<DateTime>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            starts.Add(reader.GetDateTime(0));
        }

        return starts;
    }
}
