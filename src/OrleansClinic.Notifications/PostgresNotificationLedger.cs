using NodaTime;
using Npgsql;

namespace OrleansClinic.Notifications;

/// <summary>The ledger on PostgreSQL (<c>notifications.delivery</c>, migration 0011): the key's primary key is the dedupe.</summary>
public sealed class PostgresNotificationLedger(NpgsqlDataSource dataSource) : INotificationLedger
{
    private const string Table = "notifications.delivery";
    private const string Columns = "key, patient_id, channel, kind, status, attempts, provider_id, last_error, updated_at, provider_status";

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string key, string patientId, string channel, string kind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {Table} (key, patient_id, channel, kind, status) VALUES ($1, $2, $3, $4, 'claimed') ON CONFLICT (key) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task RecordAttemptAsync(string key, string? providerId, string? error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE {Table} SET attempts = attempts + 1, provider_id = coalesce($2, provider_id), last_error = $3,
                status = CASE WHEN $2 IS NULL THEN status ELSE 'sent' END, updated_at = now()
            WHERE key = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)providerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeadLetterAsync(string key, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"UPDATE {Table} SET status = 'dead_letter', last_error = $2, updated_at = now() WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RecordProviderStatusAsync(string providerId, string status, string? errorCode, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE {Table} SET provider_status = $2, last_error = coalesce('provider error ' || $3, last_error), updated_at = now() WHERE provider_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = providerId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)errorCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationDelivery>> ForPatientAsync(string patientId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM {Table} WHERE patient_id = $1 ORDER BY created_at, key", new NpgsqlParameter<string> { TypedValue = patientId }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationDelivery>> UndeliveredAsync(Instant unconfirmedBefore, CancellationToken cancellationToken = default) =>
        // The condition repeats the partial index delivery_undelivered (migration 0012) so the scan stays on it.
        QueryAsync(
            $"""
            SELECT {Columns} FROM {Table}
            WHERE (status <> 'sent' OR provider_status IN ('undelivered', 'failed'))
              AND (status <> 'claimed' OR updated_at < $1)
            ORDER BY created_at, key
            """,
            new NpgsqlParameter<DateTime> { TypedValue = unconfirmedBefore.ToDateTimeUtc() },
            cancellationToken);

    private async Task<IReadOnlyList<NotificationDelivery>> QueryAsync(string sql, NpgsqlParameter parameter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(parameter);

        var rows = new List<NotificationDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NotificationDelivery(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return rows;
    }
}
