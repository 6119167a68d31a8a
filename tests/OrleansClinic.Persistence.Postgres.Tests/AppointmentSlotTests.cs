using NodaTime;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>Architecture rule 1's last line of defence: the database refuses two live appointments in one doctor's slot.</summary>
public sealed class AppointmentSlotTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly Instant Nine = Instant.FromUtc(2025, 7, 1, 23, 0);
    private ClinicDatabase db = null!;

    private IGrainStorage Storage => db.Storage;

    public async ValueTask InitializeAsync() => db = await ClinicDatabase.CreateAsync(server, "slots");

    public ValueTask DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task The_slot_columns_follow_the_state()
    {
        var id = Events.NewGrainId("appointment");
        var state = Booking("doctor-1", Nine, Duration.FromMinutes(15));

        await Storage.WriteStateAsync(ClinicStorage.Appointment, id, state);

        Assert.Equal("doctor-1", await Column<string>("doctor_id", id));
        Assert.Equal("patient-of-doctor-1", await Column<string>("patient_id", id));
        Assert.Equal(Nine.ToDateTimeUtc(), await Column<DateTime>("slot_start", id));
        Assert.Equal((Nine + Duration.FromMinutes(15)).ToDateTimeUtc(), await Column<DateTime>("slot_end", id));
        Assert.Equal("booked", await Column<string>("status", id));
        Assert.True(await Column<bool>("holds_slot", id));

        state.State!.Status = "cancelled";
        await Storage.WriteStateAsync(ClinicStorage.Appointment, id, state);

        Assert.Equal("cancelled", await Column<string>("status", id));
        Assert.False(await Column<bool>("holds_slot", id));
    }

    [Fact]
    public async Task A_second_live_appointment_in_an_overlapping_slot_is_refused_with_nothing_of_it_stored()
    {
        var first = Events.NewGrainId("appointment");
        var second = Events.NewGrainId("appointment");
        await Storage.WriteStateAsync(ClinicStorage.Appointment, first, Booking("doctor-2", Nine, Duration.FromMinutes(30)));
        var clash = Booking("doctor-2", Nine + Duration.FromMinutes(15), Duration.FromMinutes(30));
        clash.State!.PendingEvents.Add(Events.About(second.ToString(), "appointment.booked"));

        await Assert.ThrowsAsync<SlotAlreadyHeldException>(() => Storage.WriteStateAsync(ClinicStorage.Appointment, second, clash));

        Assert.Null(clash.ETag);
        Assert.False(clash.RecordExists);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM appointments.appointment WHERE grain_id = $1", second.ToString()));
        Assert.Empty(await db.OutboxEventTypesAsync(second.ToString()));
    }

    [Fact]
    public async Task An_update_that_moves_into_a_held_slot_is_refused_and_rolled_back()
    {
        var holder = Events.NewGrainId("appointment");
        var mover = Events.NewGrainId("appointment");
        await Storage.WriteStateAsync(ClinicStorage.Appointment, holder, Booking("doctor-3", Nine, Duration.FromMinutes(15)));
        var moving = Booking("doctor-3", Nine + Duration.FromHours(1), Duration.FromMinutes(15));
        await Storage.WriteStateAsync(ClinicStorage.Appointment, mover, moving);

        moving.State!.SlotStart = Nine;
        moving.State!.SlotEnd = Nine + Duration.FromMinutes(15);
        moving.State!.PendingEvents.Add(Events.About(mover.ToString(), "appointment.rescheduled"));
        await Assert.ThrowsAsync<SlotAlreadyHeldException>(() => Storage.WriteStateAsync(ClinicStorage.Appointment, mover, moving));

        Assert.Equal("1", moving.ETag);
        Assert.Equal((Nine + Duration.FromHours(1)).ToDateTimeUtc(), await Column<DateTime>("slot_start", mover));
        Assert.Equal(1L, await Column<long>("version", mover));
        Assert.Empty(await db.OutboxEventTypesAsync(mover.ToString()));
    }

    [Fact]
    public async Task The_slot_is_free_again_once_its_appointment_stops_holding_it()
    {
        var first = Events.NewGrainId("appointment");
        var second = Events.NewGrainId("appointment");
        var booked = Booking("doctor-4", Nine, Duration.FromMinutes(15));
        await Storage.WriteStateAsync(ClinicStorage.Appointment, first, booked);
        await Assert.ThrowsAsync<SlotAlreadyHeldException>(
            () => Storage.WriteStateAsync(ClinicStorage.Appointment, second, Booking("doctor-4", Nine, Duration.FromMinutes(15))));

        booked.State!.Status = "cancelled";
        await Storage.WriteStateAsync(ClinicStorage.Appointment, first, booked);
        var rebooked = Booking("doctor-4", Nine, Duration.FromMinutes(15));
        await Storage.WriteStateAsync(ClinicStorage.Appointment, second, rebooked);

        Assert.Equal("1", rebooked.ETag);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM appointments.appointment WHERE doctor_id = 'doctor-4' AND holds_slot"));
    }

    [Fact]
    public async Task Back_to_back_slots_and_other_doctors_do_not_clash()
    {
        await Storage.WriteStateAsync(ClinicStorage.Appointment, Events.NewGrainId("appointment"), Booking("doctor-5", Nine, Duration.FromMinutes(15)));

        await Storage.WriteStateAsync(
            ClinicStorage.Appointment, Events.NewGrainId("appointment"), Booking("doctor-5", Nine + Duration.FromMinutes(15), Duration.FromMinutes(15)));
        await Storage.WriteStateAsync(ClinicStorage.Appointment, Events.NewGrainId("appointment"), Booking("doctor-6", Nine, Duration.FromMinutes(15)));

        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM appointments.appointment WHERE holds_slot"));
    }

    [Fact]
    public async Task Of_many_concurrent_bookings_of_one_slot_exactly_one_succeeds()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try
            {
                await Storage.WriteStateAsync(ClinicStorage.Appointment, Events.NewGrainId("appointment"), Booking("doctor-7", Nine, Duration.FromMinutes(15)));
                return true;
            }
            catch (SlotAlreadyHeldException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, ok => ok);
    }

    private static GrainState<SlotState> Booking(string doctorId, Instant start, Duration length) =>
        new(new SlotState
        {
            DoctorId = doctorId,
            PatientId = "patient-of-" + doctorId,
            SlotStart = start,
            SlotEnd = start + length,
            Status = "booked",
        });

    private Task<T?> Column<T>(string column, GrainId id) =>
        db.ScalarAsync<T>($"SELECT {column} FROM appointments.appointment WHERE grain_id = $1", id.ToString());
}
