using NodaTime;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>What any Orleans grain storage must do, after Orleans' GrainStorageTestRunner list, against real PostgreSQL.</summary>
public sealed class GrainStorageContractTests(PostgresServer server) : IAsyncLifetime
{
    private const string State = ClinicStorage.Doctor;
    private ClinicDatabase db = null!;

    private IGrainStorage Storage => db.Storage;

    public async ValueTask InitializeAsync() => db = await ClinicDatabase.CreateAsync(server, "contract");

    public ValueTask DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Reading_a_state_never_written_gives_a_fresh_state_without_etag()
    {
        var read = new GrainState<ProfileState>(new ProfileState { Name = "left over" }) { ETag = "7", RecordExists = true };

        await Storage.ReadStateAsync(State, Events.NewGrainId(), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Null(read.State!.Name);
    }

    [Fact]
    public async Task First_write_creates_version_1_and_a_reread_returns_the_state()
    {
        var id = Events.NewGrainId();
        var written = new GrainState<ProfileState>(new ProfileState
        {
            Name = "Dr Ng",
            Visits = 3,
            Registered = new LocalDate(2025, 2, 28),
            LastSeen = Instant.FromUtc(2025, 3, 1, 22, 30),
            Tags = ["gp", "бинт"],
        });

        await Storage.WriteStateAsync(State, id, written);
        var read = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(State, id, read);

        Assert.Equal("1", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("Dr Ng", read.State!.Name);
        Assert.Equal(3, read.State!.Visits);
        Assert.Equal(new LocalDate(2025, 2, 28), read.State!.Registered);
        Assert.Equal(Instant.FromUtc(2025, 3, 1, 22, 30), read.State!.LastSeen);
        Assert.Equal(["gp", "бинт"], read.State!.Tags);
    }

    [Fact]
    public async Task Payload_is_camel_case_json_with_iso_noda_time_values()
    {
        var id = Events.NewGrainId();
        await Storage.WriteStateAsync(State, id, new GrainState<ProfileState>(new ProfileState
        {
            Name = "Dr Ng",
            Registered = new LocalDate(2025, 2, 28),
            LastSeen = Instant.FromUtc(2025, 3, 1, 22, 30),
        }));

        Assert.Equal("Dr Ng", await db.ScalarAsync<string>("SELECT payload->>'name' FROM doctors.doctor WHERE grain_id = $1", id.ToString()));
        Assert.Equal("2025-02-28", await db.ScalarAsync<string>("SELECT payload->>'registered' FROM doctors.doctor WHERE grain_id = $1", id.ToString()));
        Assert.Equal("2025-03-01T22:30:00Z", await db.ScalarAsync<string>("SELECT payload->>'lastSeen' FROM doctors.doctor WHERE grain_id = $1", id.ToString()));
    }

    [Fact]
    public async Task Every_write_moves_the_etag_on()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState { Visits = 1 });

        await Storage.WriteStateAsync(State, id, state);
        var first = state.ETag;
        await Storage.WriteStateAsync(State, id, state);

        Assert.Equal("1", first);
        Assert.Equal("2", state.ETag);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT version FROM doctors.doctor WHERE grain_id = $1", id.ToString()));
    }

    [Fact]
    public async Task A_stale_write_fails_with_InconsistentStateException_and_keeps_the_newer_state()
    {
        var id = Events.NewGrainId();
        await Storage.WriteStateAsync(State, id, new GrainState<ProfileState>(new ProfileState { Name = "original" }));
        var fresh = new GrainState<ProfileState>(new ProfileState());
        var stale = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(State, id, fresh);
        await Storage.ReadStateAsync(State, id, stale);

        fresh.State!.Name = "newer";
        await Storage.WriteStateAsync(State, id, fresh);
        stale.State!.Name = "stale";
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(State, id, stale));

        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("1", stale.ETag);
        var read = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(State, id, read);
        Assert.Equal("newer", read.State!.Name);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Two_first_writes_of_one_grain_let_only_one_win()
    {
        var id = Events.NewGrainId();
        await Storage.WriteStateAsync(State, id, new GrainState<ProfileState>(new ProfileState { Name = "first" }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(State, id, new GrainState<ProfileState>(new ProfileState { Name = "second" })));
    }

    [Fact]
    public async Task A_write_with_an_etag_for_a_deleted_row_fails()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState());
        await Storage.WriteStateAsync(State, id, state);
        await db.ScalarAsync<int>("DELETE FROM doctors.doctor WHERE grain_id = $1", id.ToString());

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(State, id, state));
    }

    [Fact]
    public async Task An_etag_this_storage_never_issued_is_a_conflict()
    {
        var state = new GrainState<ProfileState>(new ProfileState()) { ETag = "W/\"0x8D\"" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(State, Events.NewGrainId(), state));
    }

    [Fact]
    public async Task Clear_deletes_the_row_and_leaves_a_fresh_state_without_etag()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState { Name = "to go" });
        await Storage.WriteStateAsync(State, id, state);

        await Storage.ClearStateAsync(State, id, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);
        Assert.Null(state.State!.Name);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM doctors.doctor WHERE grain_id = $1", id.ToString()));
        var read = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(State, id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Write_after_clear_starts_again_at_version_1()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState { Name = "before" });
        await Storage.WriteStateAsync(State, id, state);
        await Storage.WriteStateAsync(State, id, state);
        await Storage.ClearStateAsync(State, id, state);

        state.State!.Name = "after";
        await Storage.WriteStateAsync(State, id, state);

        var read = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(State, id, read);
        Assert.Equal("1", read.ETag);
        Assert.Equal("after", read.State!.Name);
    }

    [Fact]
    public async Task Clearing_what_was_never_written_and_clearing_twice_are_harmless()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState { Name = "unsaved" }) { RecordExists = true };

        await Storage.ClearStateAsync(State, id, state);
        await Storage.ClearStateAsync(State, id, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task A_stale_clear_fails_with_InconsistentStateException_and_keeps_the_row()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState { Name = "v1" });
        await Storage.WriteStateAsync(State, id, state);
        var stale = new GrainState<ProfileState>(new ProfileState()) { ETag = state.ETag, RecordExists = true };
        state.State!.Name = "v2";
        await Storage.WriteStateAsync(State, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(State, id, stale));

        var read = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(State, id, read);
        Assert.Equal("v2", read.State!.Name);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task A_clear_without_etag_fails_when_another_activation_wrote_the_row()
    {
        var id = Events.NewGrainId();
        await Storage.WriteStateAsync(State, id, new GrainState<ProfileState>(new ProfileState { Name = "theirs" }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync(State, id, new GrainState<ProfileState>(new ProfileState())));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM doctors.doctor WHERE grain_id = $1", id.ToString()));
    }

    [Fact]
    public async Task State_names_are_independent_records_in_their_own_tables()
    {
        var id = Events.NewGrainId();
        await Storage.WriteStateAsync(ClinicStorage.Doctor, id, new GrainState<ProfileState>(new ProfileState { Name = "doctor" }));
        await Storage.WriteStateAsync(ClinicStorage.Patient, id, new GrainState<ProfileState>(new ProfileState { Name = "patient" }));

        var doctor = new GrainState<ProfileState>(new ProfileState());
        var patient = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(ClinicStorage.Doctor, id, doctor);
        await Storage.ReadStateAsync(ClinicStorage.Patient, id, patient);

        Assert.Equal("doctor", doctor.State!.Name);
        Assert.Equal("patient", patient.State!.Name);
        Assert.Equal("patient", await db.ScalarAsync<string>("SELECT payload->>'name' FROM users_profile.patient WHERE grain_id = $1", id.ToString()));
    }

    [Theory]
    [InlineData(ClinicStorage.Doctor)]
    [InlineData(ClinicStorage.DoctorDirectory)]
    [InlineData(ClinicStorage.ScheduleDay)]
    [InlineData(ClinicStorage.Appointment)]
    [InlineData(ClinicStorage.Patient)]
    [InlineData(ClinicStorage.IdempotencyKey)]
    [InlineData(ClinicStorage.StaffMember)]
    [InlineData(ClinicStorage.StaffDirectory)]
    public async Task Every_clinic_state_name_has_a_table(string stateName)
    {
        var id = Events.NewGrainId();
        var state = new GrainState<ProfileState>(new ProfileState { Name = stateName });

        await Storage.WriteStateAsync(stateName, id, state);
        var read = new GrainState<ProfileState>(new ProfileState());
        await Storage.ReadStateAsync(stateName, id, read);

        Assert.Equal(stateName, read.State!.Name);
    }

    [Fact]
    public async Task An_unknown_state_name_is_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Storage.ReadStateAsync("invoice", Events.NewGrainId(), new GrainState<ProfileState>(new ProfileState())));

        Assert.Contains("invoice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_writes_to_many_grains_all_land()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => Events.NewGrainId()).ToList();

        await Parallel.ForEachAsync(ids, async (id, _) =>
        {
            var state = new GrainState<ProfileState>(new ProfileState { Name = id.ToString() });
            await Storage.WriteStateAsync(State, id, state);
            await Storage.WriteStateAsync(State, id, state);
        });

        Assert.Equal(40L, await db.ScalarAsync<long>("SELECT count(*) FROM doctors.doctor WHERE version = 2"));
    }
}
