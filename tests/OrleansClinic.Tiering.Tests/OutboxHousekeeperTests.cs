using Npgsql;
using NodaTime;
using OrleansClinic.Testing.Postgres;
using static OrleansClinic.Tiering.Tests.TieringDatabase;

namespace OrleansClinic.Tiering.Tests;

/// <summary>
/// Clearing the outbox on PostgreSQL: only events both published long ago and sealed into the audit chain go, and only
/// consumers' records of events processed past any redelivery; batch by batch until nothing is left to clear.
/// </summary>
public sealed class OutboxHousekeeperTests(PostgresServer server)
{
    private static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();
    private static readonly Instant WeekAgo = Now - Duration.FromDays(7);
    private static readonly Instant MonthAgo = Now - Duration.FromDays(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_published_and_sealed_long_ago_go_and_every_other_event_stays()
    {
        await using var db = await CreateAsync(server);
        await Event(db, "old-sealed-1", sentDaysAgo: 10, sealed_: true);
        await Event(db, "old-sealed-2", sentDaysAgo: 9, sealed_: true);
        await Event(db, "old-sealed-3", sentDaysAgo: 8, sealed_: true);
        await Event(db, "old-unsealed", sentDaysAgo: 10, sealed_: false);
        await Event(db, "recent-sealed", sentDaysAgo: 1, sealed_: true);
        await Event(db, "unsent", sentDaysAgo: null, sealed_: true);
        await Processed(db, "forgotten", daysAgo: 40);
        await Processed(db, "remembered", daysAgo: 10);

        var housekeeper = new OutboxHousekeeper(db);
        var cleared = new List<int>();
        for (int step; (step = await housekeeper.ClearNextAsync(WeekAgo, MonthAgo, 2, Cancel)) > 0;)
        {
            cleared.Add(step);
        }

        Assert.Equal([3, 1], cleared);
        Assert.Equal(["old-unsealed", "recent-sealed", "unsent"], await Strings(db, "SELECT event_type FROM outbox.event ORDER BY sequence"));
        Assert.Equal(["remembered"], await Strings(db, "SELECT consumer FROM outbox.processed_event"));
        Assert.Equal(0, await housekeeper.ClearNextAsync(WeekAgo, MonthAgo, 2, Cancel));
    }

    private static async Task Event(NpgsqlDataSource db, string type, int? sentDaysAgo, bool sealed_)
    {
        long sequence;
        await using (var command = db.CreateCommand(
            """
            INSERT INTO outbox.event (event_id, event_type, entity_key, occurred_at, payload, sent_at)
            VALUES (gen_random_uuid(), $1, 'e-1', now(), '{}', now() - $2 * interval '1 day')
            RETURNING sequence
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
            command.Parameters.Add(new NpgsqlParameter { Value = sentDaysAgo is { } days ? days : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            sequence = (long)(await command.ExecuteScalarAsync(Cancel))!;
        }

        if (sealed_)
        {
            // The housekeeper asks only whether the chain holds the event, not whether the chain is sound.
            await using var seal = db.CreateCommand(
                """
                INSERT INTO audit_logs.entry (sequence, at, actor_id, actor_role, action, entity_type, entity_id, outcome, source, source_id, previous_hash, hash)
                VALUES ((SELECT coalesce(max(sequence), 0) + 1 FROM audit_logs.entry), now(), 'system', 'system', 'test', 'test', 'e-1', 'success', 'event', $1,
                        decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))
                """);
            seal.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            await seal.ExecuteNonQueryAsync(Cancel);
        }
    }

    private static async Task Processed(NpgsqlDataSource db, string consumer, int daysAgo)
    {
        await using var command = db.CreateCommand("INSERT INTO outbox.processed_event (consumer, event_id, processed_at) VALUES ($1, gen_random_uuid(), now() - $2 * interval '1 day')");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumer });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = daysAgo });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
