using NodaTime;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>Architecture rule 2: a state's events commit with it, in order, or not at all.</summary>
public sealed class OutboxTests(PostgresServer server) : IAsyncLifetime
{
    private ClinicDatabase db = null!;

    private IGrainStorage Storage => db.Storage;

    public async ValueTask InitializeAsync() => db = await ClinicDatabase.CreateAsync(server, "outbox");

    public ValueTask DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Pending_events_are_written_with_the_state_in_the_order_raised()
    {
        var id = Events.NewGrainId();
        var key = id.ToString();
        var state = new GrainState<EventfulState>(new EventfulState { Counter = 1 });
        state.State!.PendingEvents.AddRange([Events.About(key, "a.first"), Events.About(key, "a.second"), Events.About(key, "a.third")]);

        await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, state);

        Assert.Equal(["a.first", "a.second", "a.third"], await db.OutboxEventTypesAsync(key));
        // The grain, not the storage, forgets them once the write has succeeded.
        Assert.Equal(3, state.State!.PendingEvents.Count);
    }

    [Fact]
    public async Task Every_event_column_is_stored_and_left_unsent()
    {
        var id = Events.NewGrainId();
        var occurred = Instant.FromUtc(2025, 6, 1, 9, 15, 30);
        var e = new OutboxEvent(Guid.CreateVersion7(), "doctor.registered", "doctor-7", "corr-42", occurred, """{"doctorId":"doctor-7"}""");
        var state = new GrainState<EventfulState>(new EventfulState());
        state.State!.PendingEvents.Add(e);

        await Storage.WriteStateAsync(ClinicStorage.Doctor, id, state);

        Assert.Equal(e.EventId, await db.ScalarAsync<Guid>("SELECT event_id FROM outbox.event WHERE entity_key = 'doctor-7'"));
        Assert.Equal("corr-42", await db.ScalarAsync<string>("SELECT correlation_id FROM outbox.event WHERE entity_key = 'doctor-7'"));
        Assert.Equal(occurred.ToDateTimeUtc(), await db.ScalarAsync<DateTime>("SELECT occurred_at FROM outbox.event WHERE entity_key = 'doctor-7'"));
        Assert.Equal("doctor-7", await db.ScalarAsync<string>("SELECT payload->>'doctorId' FROM outbox.event WHERE entity_key = 'doctor-7'"));
        Assert.True(await db.ScalarAsync<bool>("SELECT sent_at IS NULL FROM outbox.event WHERE entity_key = 'doctor-7'"));
    }

    [Fact]
    public async Task Events_of_successive_writes_keep_their_order_across_writes()
    {
        var id = Events.NewGrainId();
        var key = id.ToString();
        var state = new GrainState<EventfulState>(new EventfulState());

        foreach (var type in new[] { "b.one", "b.two", "b.three" })
        {
            state.State!.Counter++;
            state.State!.PendingEvents.Add(Events.About(key, type));
            await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, state);
            state.State!.PendingEvents.Clear();
        }

        Assert.Equal(["b.one", "b.two", "b.three"], await db.OutboxEventTypesAsync(key));
    }

    [Fact]
    public async Task No_event_is_written_when_the_write_loses_on_its_etag()
    {
        var id = Events.NewGrainId();
        var key = id.ToString();
        await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, new GrainState<EventfulState>(new EventfulState()));
        var winner = new GrainState<EventfulState>(new EventfulState());
        var loser = new GrainState<EventfulState>(new EventfulState());
        await Storage.ReadStateAsync(ClinicStorage.ScheduleDay, id, winner);
        await Storage.ReadStateAsync(ClinicStorage.ScheduleDay, id, loser);
        winner.State!.PendingEvents.Add(Events.About(key, "c.winner"));
        loser.State!.PendingEvents.AddRange([Events.About(key, "c.loser1"), Events.About(key, "c.loser2")]);

        await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, winner);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, loser));

        Assert.Equal(["c.winner"], await db.OutboxEventTypesAsync(key));
    }

    [Fact]
    public async Task No_event_is_written_when_a_first_write_loses_to_another()
    {
        var id = Events.NewGrainId();
        var key = id.ToString();
        await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, new GrainState<EventfulState>(new EventfulState()));
        var late = new GrainState<EventfulState>(new EventfulState());
        late.State!.PendingEvents.Add(Events.About(key, "d.late"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, late));

        Assert.Empty(await db.OutboxEventTypesAsync(key));
    }

    [Fact]
    public async Task Clearing_writes_the_pending_events_too_and_a_stale_clear_writes_none()
    {
        var id = Events.NewGrainId();
        var key = id.ToString();
        var state = new GrainState<EventfulState>(new EventfulState());
        await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, state);
        var stale = new GrainState<EventfulState>(new EventfulState()) { ETag = "99", RecordExists = true };
        stale.State!.PendingEvents.Add(Events.About(key, "e.stale"));
        state.State!.PendingEvents.Add(Events.About(key, "e.cleared"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(ClinicStorage.ScheduleDay, id, stale));
        await Storage.ClearStateAsync(ClinicStorage.ScheduleDay, id, state);

        Assert.Equal(["e.cleared"], await db.OutboxEventTypesAsync(key));
    }

    [Fact]
    public async Task Pending_events_never_reach_the_state_payload()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<EventfulState>(new EventfulState { Counter = 5 });
        state.State!.PendingEvents.Add(Events.About(id.ToString(), "f.raised"));

        await Storage.WriteStateAsync(ClinicStorage.ScheduleDay, id, state);
        var read = new GrainState<EventfulState>(new EventfulState());
        await Storage.ReadStateAsync(ClinicStorage.ScheduleDay, id, read);

        Assert.Equal("""{"counter": 5}""", await db.ScalarAsync<string>("SELECT payload::text FROM doctors.schedule_day WHERE grain_id = $1", id.ToString()));
        Assert.Equal(5, read.State!.Counter);
        Assert.Empty(read.State!.PendingEvents);
    }
}
