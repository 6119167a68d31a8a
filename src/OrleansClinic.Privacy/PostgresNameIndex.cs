using Npgsql;
using NpgsqlTypes;

namespace OrleansClinic.Privacy;

/// <summary>
/// The vault's name index on PostgreSQL (<c>users_pii_vault.patient_name_token</c>, migration 0018): the HMACs of each
/// patient's name tokens, written in the transaction of the vault call that changes the record.
/// </summary>
internal static class PostgresNameIndex
{
    /// <summary>The table of name tokens.</summary>
    public const string Table = "users_pii_vault.patient_name_token";

    /// <summary>Makes <paramref name="tokens"/> the patient's only tokens, so a changed name no longer finds them.</summary>
    public static async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, IReadOnlyList<byte[]> tokens, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Delete(patientId));
        var insert = new NpgsqlBatchCommand($"INSERT INTO {Table} (token, patient_id) SELECT unnest($1), $2 ON CONFLICT DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = tokens.ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the patient's tokens (the record is being shredded).</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { Delete(patientId) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ids of the live patients holding every one of <paramref name="tokens"/> (distinct), the first <paramref name="limit"/> in id order.</summary>
    public static async Task<List<string>> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<byte[]> tokens, int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT t.patient_id FROM {Table} t
            JOIN users_pii_vault.patient_pii p ON p.patient_id = t.patient_id AND p.shredded_at IS NULL
            WHERE t.token = ANY($1)
            GROUP BY t.patient_id
            HAVING count(*) = $2
            ORDER BY t.patient_id
            LIMIT $3
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = tokens.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tokens.Count });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// Locks and returns up to <paramref name="limit"/> live records after <paramref name="after"/> (in id order) that
    /// have no tokens; rows another transaction holds are skipped, so silos indexing at once share the work.
    /// </summary>
    public static async Task<List<(string PatientId, SealedPii Sealed)>> LockUnindexedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string after, int limit, CancellationToken cancellationToken)
    {
        var records = new List<(string, SealedPii)>();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT p.patient_id, p.key_version, p.wrapped_key, p.nonce, p.ciphertext FROM users_pii_vault.patient_pii p
            WHERE p.shredded_at IS NULL AND p.patient_id > $1
                AND NOT EXISTS (SELECT 1 FROM {Table} t WHERE t.patient_id = p.patient_id)
            ORDER BY p.patient_id
            LIMIT $2
            FOR UPDATE OF p SKIP LOCKED
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add((reader.GetString(0), new SealedPii(
                reader.GetInt32(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4))));
        }

        return records;
    }

    private static NpgsqlBatchCommand Delete(string patientId)
    {
        var delete = new NpgsqlBatchCommand($"DELETE FROM {Table} WHERE patient_id = $1");
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        return delete;
    }
}
