using Npgsql;
using NpgsqlTypes;

namespace OrleansClinic.Outbox;

/// <summary>
/// The outbox in PostgreSQL: rows of <c>outbox.event</c> written by grain storage in the state's transaction, and the lease
/// row in <c>outbox.relay_lease</c>. Taking and renewing the lease is one conditional upsert on the database's clock, so
/// silos' clocks never decide who holds it.
/// </summary>
public sealed class PostgresOutboxStore : IOutboxStore, IDisposable
{
    private const string TraceMember = Grains.Abstractions.Storage.OutboxEvent.TraceParentPayloadMember;

    private readonly NpgsqlDataSource dataSource;
    private readonly string leaseName;
    private readonly bool ownsDataSource;

    /// <summary>Creates a store on <paramref name="dataSource"/> sharing the lease row <paramref name="leaseName"/>.</summary>
    public PostgresOutboxStore(NpgsqlDataSource dataSource, string leaseName)
        : this(dataSource, leaseName, ownsDataSource: false)
    {
    }

    private PostgresOutboxStore(NpgsqlDataSource dataSource, string leaseName, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseName);
        this.dataSource = dataSource;
        this.leaseName = leaseName;
        this.ownsDataSource = ownsDataSource;
    }

    /// <summary>Creates a store with a data source of its own for <paramref name="connectionString"/>.</summary>
    public static PostgresOutboxStore Create(string connectionString, string leaseName) =>
        new(NpgsqlDataSource.Create(connectionString), leaseName, ownsDataSource: true);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int batchSize, CancellationToken cancellationToken)
    {
        // The trace context the grain storage kept in the payload is read apart and taken out: consumers get the event only.
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT sequence, event_id, event_type, entity_key, correlation_id, occurred_at,
                   (CASE WHEN jsonb_typeof(payload) = 'object' THEN payload - '{TraceMember}' ELSE payload END)::text,
                   CASE WHEN jsonb_typeof(payload) = 'object' THEN payload ->> '{TraceMember}' END
            FROM outbox.event
            WHERE sent_at IS NULL
            ORDER BY sequence
            LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OutboxRow>(batchSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                TraceParent: reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE outbox.event SET sent_at = now() WHERE sequence = ANY($1) AND sent_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OutboxLag> ReadLagAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), min(created_at), now() FROM outbox.event WHERE sent_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var oldest = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        return new OutboxLag(reader.GetInt64(0), oldest, reader.GetFieldValue<DateTimeOffset>(2));
    }

    /// <inheritdoc />
    public async Task<bool> TryAcquireLeaseAsync(string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO outbox.relay_lease AS lease (name, holder, expires_at)
            VALUES ($1, $2, clock_timestamp() + $3)
            ON CONFLICT (name) DO UPDATE
                SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                WHERE lease.holder = EXCLUDED.holder OR lease.expires_at < clock_timestamp()
            RETURNING holder
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leaseName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <inheritdoc />
    public async Task ReleaseLeaseAsync(string holder, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM outbox.relay_lease WHERE name = $1 AND holder = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = leaseName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsDataSource)
        {
            dataSource.Dispose();
        }
    }
}
