using Npgsql;
using NpgsqlTypes;

namespace OrleansClinic.Outbox;

/// <summary>The relay's SQL over <c>outbox.event</c>: read unsent rows in order, mark rows sent, measure the lag.</summary>
internal sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<OutboxRow>> ReadUnsentAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT sequence, event_id, event_type, entity_key, correlation_id, occurred_at, payload::text
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
                reader.GetString(6)));
        }

        return rows;
    }

    public async Task MarkSentAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE outbox.event SET sent_at = now() WHERE sequence = ANY($1) AND sent_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<OutboxLag> ReadLagAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), min(created_at), now() FROM outbox.event WHERE sent_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var oldest = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        return new OutboxLag(reader.GetInt64(0), oldest, reader.GetFieldValue<DateTimeOffset>(2));
    }
}
