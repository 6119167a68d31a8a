using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>The storage for Orleans' own grain state: Orleans-serialized payloads under the same ETag rules as clinic state.</summary>
public sealed class OrleansStateStorageTests(PostgresServer server) : IAsyncLifetime
{
    private const string State = "PubSubStore";
    private ServiceProvider services = null!;
    private OrleansStateStorage storage = null!;
    private NpgsqlDataSource sql = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("orleans_state");
        sql = NpgsqlDataSource.Create(connectionString);
        await new ClinicMigrator(sql).MigrateAsync(Cancel);
        services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(SubscriptionBook).Assembly)).BuildServiceProvider();
        storage = new OrleansStateStorage(State, new OrleansStateStorageOptions { ConnectionString = connectionString }, services.GetRequiredService<Serializer>());
    }

    public async ValueTask DisposeAsync()
    {
        await storage.DisposeAsync();
        await sql.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task A_state_with_grain_ids_and_sets_round_trips_through_bytea()
    {
        var id = Events.NewGrainId();
        var owner = GrainId.Create("pubsubrendezvous", "s/probe/1");
        var subscribers = new[] { Events.NewGrainId("consumer"), Events.NewGrainId("consumer") };
        var written = new GrainState<SubscriptionBook>(new SubscriptionBook { Owner = owner, Subscribers = [.. subscribers], Topics = ["a", "б"] });

        await storage.WriteStateAsync(State, id, written);
        var read = new GrainState<SubscriptionBook>(new SubscriptionBook());
        await storage.ReadStateAsync(State, id, read);

        Assert.Equal("1", written.ETag);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(owner, read.State!.Owner);
        Assert.True(read.State!.Subscribers.SetEquals(subscribers));
        Assert.True(read.State!.Topics.SetEquals(["a", "б"]));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT version FROM orleans_state.grain_state WHERE state_name = $1 AND grain_id = $2", State, id.ToString()));
        Assert.True(await ScalarAsync<int>("SELECT length(payload) FROM orleans_state.grain_state WHERE grain_id = $1", id.ToString()) > 0);
    }

    [Fact]
    public async Task Reading_a_state_never_written_gives_a_fresh_state_without_etag()
    {
        var read = new GrainState<SubscriptionBook>(new SubscriptionBook { Topics = ["left over"] }) { ETag = "3", RecordExists = true };

        await storage.ReadStateAsync(State, Events.NewGrainId(), read);

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Empty(read.State!.Topics);
    }

    [Fact]
    public async Task A_stale_write_fails_with_InconsistentStateException_and_keeps_the_newer_state()
    {
        var id = Events.NewGrainId();
        await storage.WriteStateAsync(State, id, new GrainState<SubscriptionBook>(new SubscriptionBook { Topics = ["original"] }));
        var fresh = new GrainState<SubscriptionBook>(new SubscriptionBook());
        var stale = new GrainState<SubscriptionBook>(new SubscriptionBook());
        await storage.ReadStateAsync(State, id, fresh);
        await storage.ReadStateAsync(State, id, stale);

        fresh.State!.Topics.Add("newer");
        await storage.WriteStateAsync(State, id, fresh);
        stale.State!.Topics.Add("stale");
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, stale));

        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("2", fresh.ETag);
        var read = new GrainState<SubscriptionBook>(new SubscriptionBook());
        await storage.ReadStateAsync(State, id, read);
        Assert.Contains("newer", read.State!.Topics);
        Assert.DoesNotContain("stale", read.State!.Topics);
    }

    [Fact]
    public async Task Two_first_writes_of_one_grain_let_only_one_win()
    {
        var id = Events.NewGrainId();
        await storage.WriteStateAsync(State, id, new GrainState<SubscriptionBook>(new SubscriptionBook()));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(State, id, new GrainState<SubscriptionBook>(new SubscriptionBook())));
    }

    [Fact]
    public async Task An_etag_this_storage_never_issued_is_a_conflict()
    {
        var state = new GrainState<SubscriptionBook>(new SubscriptionBook()) { ETag = "W/\"0x8D\"" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, Events.NewGrainId(), state));
    }

    [Fact]
    public async Task Clear_then_read_gives_a_fresh_state_without_etag_and_no_row()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<SubscriptionBook>(new SubscriptionBook { Owner = Events.NewGrainId(), Topics = ["to go"] });
        await storage.WriteStateAsync(State, id, state);

        await storage.ClearStateAsync(State, id, state);
        var read = new GrainState<SubscriptionBook>(new SubscriptionBook { Topics = ["left over"] });
        await storage.ReadStateAsync(State, id, read);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(default, read.State!.Owner);
        Assert.Empty(read.State!.Topics);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM orleans_state.grain_state WHERE grain_id = $1", id.ToString()));
    }

    [Fact]
    public async Task A_stale_clear_fails_and_keeps_the_row()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<SubscriptionBook>(new SubscriptionBook());
        await storage.WriteStateAsync(State, id, state);
        var stale = new GrainState<SubscriptionBook>(new SubscriptionBook()) { ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync(State, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(State, id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(State, id, new GrainState<SubscriptionBook>(new SubscriptionBook())));

        Assert.Equal(2L, await ScalarAsync<long>("SELECT version FROM orleans_state.grain_state WHERE grain_id = $1", id.ToString()));
    }

    [Fact]
    public async Task Clearing_what_was_never_written_is_harmless_and_writing_after_clear_restarts_at_version_1()
    {
        var id = Events.NewGrainId();
        var state = new GrainState<SubscriptionBook>(new SubscriptionBook()) { RecordExists = true };

        await storage.ClearStateAsync(State, id, state);
        await storage.WriteStateAsync(State, id, state);
        await storage.WriteStateAsync(State, id, state);
        await storage.ClearStateAsync(State, id, state);
        await storage.WriteStateAsync(State, id, state);

        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task Two_state_names_of_one_grain_are_independent_rows()
    {
        var id = Events.NewGrainId();
        var pubSub = new GrainState<SubscriptionBook>(new SubscriptionBook { Topics = ["pubsub"] });
        var other = new GrainState<SubscriptionBook>(new SubscriptionBook { Topics = ["other"] });
        await storage.WriteStateAsync(State, id, pubSub);
        await storage.WriteStateAsync(State, id, pubSub);
        await storage.WriteStateAsync("other", id, other);

        await storage.ClearStateAsync(State, id, pubSub);
        var readPubSub = new GrainState<SubscriptionBook>(new SubscriptionBook());
        var readOther = new GrainState<SubscriptionBook>(new SubscriptionBook());
        await storage.ReadStateAsync(State, id, readPubSub);
        await storage.ReadStateAsync("other", id, readOther);

        Assert.Equal("1", other.ETag);
        Assert.False(readPubSub.RecordExists);
        Assert.Equal("1", readOther.ETag);
        Assert.Equal(["other"], readOther.State!.Topics);
    }

    private async Task<T> ScalarAsync<T>(string text, params object[] parameters)
    {
        await using var command = sql.CreateCommand(text);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
