using Npgsql;
using NpgsqlTypes;
using OrleansClinic.Domain.Audit;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Audit.Tests;

/// <summary>A fresh migrated clinic database, what the clinic writes to it for the sealer, and a superuser's ways to tamper with the chain.</summary>
public static class AuditTestDatabase
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A new database with the clinic's migrations applied, as a silo applies them.</summary>
    public static async Task<NpgsqlDataSource> CreateAsync(PostgresServer server, string prefix = "audit")
    {
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(prefix));
        await new ClinicMigrator(dataSource).MigrateAsync(Cancel);
        return dataSource;
    }

    /// <summary>Writes an outbox event in its own transaction, as a grain's write does.</summary>
    public static async Task EventAsync(NpgsqlDataSource db, string type, string entity, string actor = "u-1", string role = "patient")
    {
        await using var connection = await db.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await EventAsync(connection, transaction, type, entity, actor, role);
        await transaction.CommitAsync(Cancel);
    }

    /// <summary>Writes an outbox event in <paramref name="transaction"/>.</summary>
    public static async Task EventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string type, string entity, string actor = "u-slow", string role = "patient")
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO outbox.event (event_id, event_type, entity_key, correlation_id, occurred_at, payload, actor_id, actor_role)
            VALUES (gen_random_uuid(), $1, $2, $3, now(), '{}', $4, $5)
            """, connection, transaction);
        foreach (var value in new[] { type, entity, "c-" + entity, actor, role })
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>Writes <paramref name="count"/> events and seals them into the chain.</summary>
    public static async Task SealEventsAsync(NpgsqlDataSource db, IAuditTrail trail, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await EventAsync(db, "appointment.booked", $"a-{Guid.NewGuid():N}");
        }

        Assert.Equal(count, await trail.SealAsync(10_000, Cancel));
    }

    /// <summary>Runs <paramref name="statements"/> as the superuser in one transaction with the append-only trigger disabled.</summary>
    public static async Task TamperAsync(NpgsqlDataSource db, params string[] statements)
    {
        await using var connection = await db.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await ExecuteAsync(connection, transaction, "ALTER TABLE audit_logs.entry DISABLE TRIGGER entry_append_only");
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, transaction, statement);
        }

        await ExecuteAsync(connection, transaction, "ALTER TABLE audit_logs.entry ENABLE TRIGGER entry_append_only");
        await transaction.CommitAsync(Cancel);
    }

    /// <summary>
    /// What a superuser who knows the hashing would do: change entry <paramref name="from"/> with <paramref name="change"/>
    /// and reseal it and every entry after it, so every hash from there is right again.
    /// </summary>
    public static async Task RewriteFromAsync(NpgsqlDataSource db, IAuditTrail trail, long from, Func<AuditRecord, AuditRecord> change)
    {
        var chain = await trail.ReadChainAsync(0, 100_000, Cancel);
        var kept = chain[(int)from - 2];
        var rewritten = AuditChain.Seal(kept.Sequence, kept.Hash, chain.Skip((int)from - 1).Select((e, i) => i == 0 ? change(e.Record) : e.Record));
        await using var connection = await db.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await ExecuteAsync(connection, transaction, "ALTER TABLE audit_logs.entry DISABLE TRIGGER entry_append_only");
        await ExecuteAsync(connection, transaction, $"DELETE FROM audit_logs.entry WHERE sequence >= {from}");
        foreach (var entry in rewritten)
        {
            var record = entry.Record;
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO audit_logs.entry (sequence, at, actor_id, actor_role, action, entity_type, entity_id, correlation_id, outcome, reason, source, source_id, previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.Sequence });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = record.At.ToDateTimeUtc() });
            foreach (var text in new[] { record.ActorId, record.ActorRole, record.Action, record.EntityType, record.EntityId, record.CorrelationId, record.Outcome, record.Reason, record.Source })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            }

            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.SourceId });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.PreviousHash });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.Hash });
            await insert.ExecuteNonQueryAsync(Cancel);
        }

        await ExecuteAsync(connection, transaction, "ALTER TABLE audit_logs.entry ENABLE TRIGGER entry_append_only");
        await transaction.CommitAsync(Cancel);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
