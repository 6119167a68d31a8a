using System.Diagnostics;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>
/// The audit trail in PostgreSQL (<c>audit_logs.entry</c>, migration 0013). Sealing reads the three source tables for
/// rows not yet in the chain and appends them, hashed, in one transaction under an advisory lock, so only one sealer
/// in the cluster extends the chain at a time and a crash mid-seal leaves nothing half done.
/// </summary>
public sealed class PostgresAuditTrail(NpgsqlDataSource dataSource, AuditOptions options) : IAuditTrail
{
    // Any fixed number; the lock lives as long as the sealing transaction.
    private const long ChainLock = 0x6175_6469_7400;

    private const string Columns =
        "sequence, at, actor_id, actor_role, action, entity_type, entity_id, correlation_id, outcome, reason, source, source_id, previous_hash, hash";

    // Per source: its table, id and commit-time columns, and the SELECT list that makes an AuditRecord of a row. Rows
    // whose id is above the checkpoint and not yet in the chain are candidates, so a row that committed after a
    // neighbour with a higher id is still found.
    private static readonly (string Name, string Sql, string Table, string Id, string Time)[] Sources =
    [
        (AuditSource.Event,
            "SELECT s.sequence, s.occurred_at, s.actor_id, s.actor_role, s.event_type, s.entity_key, s.correlation_id FROM outbox.event s",
            "outbox.event", "sequence", "created_at"),
        (AuditSource.PiiAccess,
            "SELECT s.id, s.at, s.actor_id, s.actor_role, s.action, s.patient_id, s.purpose FROM users_pii_vault.pii_access_log s",
            "users_pii_vault.pii_access_log", "id", "at"),
        (AuditSource.Gateway,
            "SELECT s.id, s.at, s.actor_id, s.actor_role, s.action, s.entity_type, s.entity_id, s.correlation_id, s.outcome, s.reason FROM audit_logs.pending s",
            "audit_logs.pending", "id", "at"),
    ];

    // When this trail last looked back over the whole lookback for late rows (Stopwatch ticks; 0: never).
    private long lastLateRowScan;

    /// <inheritdoc />
    public async Task<int> SealAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await Scalar<bool>(connection, transaction, $"SELECT pg_try_advisory_xact_lock({ChainLock})", cancellationToken))
        {
            return 0;
        }

        var head = await Head(connection, transaction, cancellationToken);
        var records = new List<AuditRecord>();
        var drained = new List<(string Name, string Table, string Id, string Time, long Low)>();
        var scanStarted = Stopwatch.GetTimestamp();
        var lateRowScan = lastLateRowScan == 0 || Stopwatch.GetElapsedTime(lastLateRowScan, scanStarted) >= options.LateRowScanInterval;
        foreach (var source in Sources)
        {
            var low = await Scalar<long?>(connection, transaction, "SELECT low_id FROM audit_logs.seal_checkpoint WHERE source = $1", cancellationToken, source.Name) ?? 0;

            // Between scans only rows above the last one sealed: an index's end, not a probe per row of the lookback.
            var from = lateRowScan ? low : Math.Max(low, await Scalar<long?>(connection, transaction, "SELECT max(source_id) FROM audit_logs.entry WHERE source = $1", cancellationToken, source.Name) ?? 0);
            var rows = await Unsealed(connection, transaction, source.Name, source.Sql, source.Id, from, max, cancellationToken);
            records.AddRange(rows);

            // The checkpoint moves only after a scan has seen everything above it.
            if (lateRowScan && rows.Count < max)
            {
                drained.Add((source.Name, source.Table, source.Id, source.Time, low));
            }
        }

        // Oldest first across the sources; a source cut short by max is not drained, so its checkpoint waits.
        var batch = AuditSource.InSealOrder(records).Take(max).ToList();
        if (batch.Count < records.Count)
        {
            var cut = records.Except(batch).Select(r => r.Source).ToHashSet(StringComparer.Ordinal);
            drained.RemoveAll(d => cut.Contains(d.Name));
        }

        if (batch.Count > 0)
        {
            await Insert(connection, transaction, AuditChain.Seal(head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis.Span, batch), cancellationToken);
        }

        foreach (var source in drained)
        {
            // Everything visible above the mark is sealed now; rows older than the lookback cannot still be in flight.
            await using var advance = new NpgsqlCommand(
                $"""
                INSERT INTO audit_logs.seal_checkpoint (source, low_id)
                SELECT $1, coalesce(max({source.Id}), $2) FROM {source.Table} WHERE {source.Id} > $2 AND {source.Time} < now() - $3
                ON CONFLICT (source) DO UPDATE SET low_id = greatest(audit_logs.seal_checkpoint.low_id, excluded.low_id)
                """, connection, transaction);
            advance.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source.Name });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = source.Low });
            advance.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.Lookback });
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (lateRowScan)
        {
            lastLateRowScan = scanStarted;
        }

        return batch.Count;
    }

    /// <inheritdoc />
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO audit_logs.pending (at, actor_id, actor_role, action, entity_type, entity_id, correlation_id, outcome, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = record.At.ToDateTimeUtc() });
        foreach (var text in new[] { record.ActorId, record.ActorRole, record.Action, record.EntityType, record.EntityId, record.CorrelationId, record.Outcome, record.Reason })
        {
            command.Parameters.Add(Text(text));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SealedAuditEntry>> FindAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM audit_logs.entry
            WHERE ($1::text IS NULL OR entity_id = $1) AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)
            ORDER BY sequence LIMIT $4
            """);
        command.Parameters.Add(Text(query.EntityId));
        command.Parameters.Add(Time(query.From));
        command.Parameters.Add(Time(query.To));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        return await ReadEntries(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SealedAuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Head(connection, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SealedAuditEntry>> ReadChainAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM audit_logs.entry WHERE sequence > $1 ORDER BY sequence LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await ReadEntries(command, cancellationToken);
    }

    /// <summary>Maps one row of <c>audit_logs.entry</c> (in <see cref="Columns"/> order) to a sealed entry.</summary>
    public static SealedAuditEntry ReadEntry(NpgsqlDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var record = new AuditRecord(
            Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10), reader.GetInt64(11));
        return new SealedAuditEntry(reader.GetInt64(0), record, reader.GetFieldValue<byte[]>(12), reader.GetFieldValue<byte[]>(13));
    }

    private static async Task<IReadOnlyList<SealedAuditEntry>> ReadEntries(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<SealedAuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static async Task<SealedAuditEntry?> Head(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit_logs.entry ORDER BY sequence DESC LIMIT 1", connection, transaction);
        return await ReadEntries(command, cancellationToken) is [var head] ? head : null;
    }

    private static async Task<List<AuditRecord>> Unsealed(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string source, string select, string id, long low, int max, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            {select}
            WHERE s.{id} > $1 AND NOT EXISTS (SELECT 1 FROM audit_logs.entry e WHERE e.source = $2 AND e.source_id = s.{id})
            ORDER BY s.{id} LIMIT $3
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = low });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        var rows = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(1));
            string? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(source switch
            {
                AuditSource.Event => AuditSource.FromEvent(reader.GetInt64(0), at, Nullable(2), Nullable(3), reader.GetString(4), reader.GetString(5), Nullable(6)),
                AuditSource.PiiAccess => AuditSource.FromPiiAccess(reader.GetInt64(0), at, reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)),
                _ => new AuditRecord(at, reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), Nullable(7), reader.GetString(8), Nullable(9), AuditSource.Gateway, reader.GetInt64(0)),
            });
        }

        return rows;
    }

    private static async Task Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SealedAuditEntry> entries, CancellationToken cancellationToken)
    {
        // One statement for the batch: arrays unnested into rows.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO audit_logs.entry ({Columns})
            SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                 $9::text[], $10::text[], $11::text[], $12::bigint[], $13::bytea[], $14::bytea[])
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. entries.Select(e => e.Sequence)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. entries.Select(e => e.Record.At.ToDateTimeUtc())] });
        foreach (var field in new Func<AuditRecord, string?>[] { r => r.ActorId, r => r.ActorRole, r => r.Action, r => r.EntityType, r => r.EntityId, r => r.CorrelationId, r => r.Outcome, r => r.Reason, r => r.Source })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => (object?)field(e.Record) ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }

        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. entries.Select(e => e.Record.SourceId)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. entries.Select(e => e.PreviousHash)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. entries.Select(e => e.Hash)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, string? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default! : (T)value;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(Instant? value) =>
        new() { Value = value is { } v ? v.ToDateTimeUtc() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
