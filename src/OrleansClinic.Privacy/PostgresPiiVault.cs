using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using NpgsqlTypes;

namespace OrleansClinic.Privacy;

/// <summary>
/// The PII vault on PostgreSQL (<c>users_pii_vault.patient_pii</c>, migration 0005, and its name index, migration 0018).
/// Only ciphertext, wrapped keys and blind indexes reach the database; logs carry patient ids and counts, never the
/// information itself.
/// </summary>
public sealed class PostgresPiiVault : IPiiVault
{
    private const string Table = "users_pii_vault.patient_pii";
    private const string LogTable = "users_pii_vault.pii_access_log";
    private const string RegisterTable = "audit_logs.deletion_register";

    // Who opens the records the name index lacks: the vault itself, logged like any other reader.
    private static readonly PiiAccess NameIndexer = new("system:pii-vault", "system", "name index of records stored before it");

    private readonly NpgsqlDataSource dataSource;
    private readonly IMasterKey masterKey;
    private readonly BlindIndex blindIndex;
    private readonly PiiCipher cipher;
    private readonly ILogger logger;

    /// <summary>Creates a vault on <paramref name="dataSource"/> (not owned: the caller disposes it).</summary>
    public PostgresPiiVault(NpgsqlDataSource dataSource, IMasterKey masterKey, BlindIndex blindIndex, ILogger<PostgresPiiVault>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(masterKey);
        ArgumentNullException.ThrowIfNull(blindIndex);
        this.dataSource = dataSource;
        this.masterKey = masterKey;
        this.blindIndex = blindIndex;
        cipher = new PiiCipher(masterKey);
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> StoreAsync(string patientId, PatientPii pii, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(pii);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        var sealedPii = await cipher.SealAsync(patientId, pii, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row lock orders concurrent writers, so each correction is logged against the record it replaced.
        var (exists, shredded, previous) = await ReadForUpdateAsync(connection, transaction, patientId, cancellationToken);
        if (shredded)
        {
            logger.LogWarning("Refused to store personal information for shredded patient {PatientId}", patientId);
            throw new PiiShreddedException($"Patient {patientId}'s personal information has been shredded; it is not stored again under the same id.");
        }

        await UpsertAsync(connection, transaction, patientId, sealedPii, pii, cancellationToken);
        await PostgresNameIndex.ReplaceAsync(connection, transaction, patientId, blindIndex.ForName(pii.GivenNames, pii.FamilyName), cancellationToken);
        var action = exists ? PiiAction.Correct : PiiAction.Store;
        IReadOnlyList<string> fields = !exists ? [] : previous?.ChangedFields(pii) ?? PatientPii.FieldNames;
        await LogAsync(connection, transaction, patientId, action, access, fields, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Stored personal information for patient {PatientId} under master key version {KeyVersion}", patientId, sealedPii.KeyVersion);
        return fields;
    }

    /// <inheritdoc />
    public async Task<PatientPii?> ReadAsync(string patientId, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The log row commits with the read or not at all: no ciphertext leaves the database unaccounted for.
        await LogAsync(connection, transaction, patientId, PiiAction.Read, access, [], cancellationToken);
        SealedPii? sealedPii = null;
        await using (var command = new NpgsqlCommand(
            $"SELECT key_version, wrapped_key, nonce, ciphertext FROM {Table} WHERE patient_id = $1 AND shredded_at IS NULL", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                sealedPii = new SealedPii(
                    reader.GetInt32(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return sealedPii is null ? null : await cipher.OpenAsync(patientId, sealedPii, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PiiAccessRecord>> AccessLogAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        var log = new List<PiiAccessRecord>();
        await using var command = dataSource.CreateCommand(
            $"SELECT at, action, actor_id, actor_role, purpose, fields FROM {LogTable} WHERE patient_id = $1 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            log.Add(new PiiAccessRecord(
                Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(0)),
                Enum.Parse<PiiAction>(reader.GetString(1), ignoreCase: true),
                new PiiAccess(reader.GetString(2), reader.GetString(3), reader.GetString(4)),
                reader.GetFieldValue<string[]>(5)));
        }

        return log;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByEmailAsync(string email, PiiAccess access, CancellationToken cancellationToken = default) =>
        FindByColumnAsync("email_index", "email", blindIndex.ForEmail(email), access, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByPhoneAsync(string phone, PiiAccess access, CancellationToken cancellationToken = default) =>
        FindByColumnAsync("phone_index", "phone", blindIndex.ForPhone(phone), access, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByNameAsync(string name, PiiAccess access, CancellationToken cancellationToken = default)
    {
        var tokens = blindIndex.ForName(name);
        return FindAsync("name", tokens, (c, t, ct) => PostgresNameIndex.FindAsync(c, t, tokens, IPiiVault.MaxNameMatches, ct), access, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> IndexNamesAsync(int batchSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var total = 0;
        var after = string.Empty;

        // Keyset paging, as for rewrapping: a record that cannot be opened is passed over, not retried forever.
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = await PostgresNameIndex.LockUnindexedAsync(connection, transaction, after, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var (patientId, sealedPii) in batch)
            {
                PatientPii pii;
                try
                {
                    pii = await cipher.OpenAsync(patientId, sealedPii, cancellationToken);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    logger.LogError("Could not open the record of patient {PatientId} to index its names; it is not found by name", patientId);
                    continue;
                }

                await LogAsync(connection, transaction, patientId, PiiAction.Read, NameIndexer, [], cancellationToken);
                await PostgresNameIndex.ReplaceAsync(connection, transaction, patientId, blindIndex.ForName(pii.GivenNames, pii.FamilyName), cancellationToken);
                total++;
            }

            await transaction.CommitAsync(cancellationToken);
            after = batch[^1].PatientId;
            logger.LogInformation("Indexed the names of {Count} records stored before the name index so far", total);
        }

        return total;
    }

    /// <inheritdoc />
    public async Task<bool> ShredAsync(string patientId, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // An id never stored still gets its tombstone, so nothing can be stored for it after the erasure request.
        bool shredded;
        await using (var command = new NpgsqlCommand(
            $"""
            INSERT INTO {Table} AS p (patient_id, shredded_at) VALUES ($1, now())
            ON CONFLICT (patient_id) DO UPDATE SET
                key_version = NULL,
                wrapped_key = NULL,
                nonce       = NULL,
                ciphertext  = NULL,
                email_index = NULL,
                phone_index = NULL,
                shredded_at = now(),
                updated_at  = now()
            WHERE p.shredded_at IS NULL
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
            shredded = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        if (shredded)
        {
            await PostgresNameIndex.DeleteAsync(connection, transaction, patientId, cancellationToken);
            await LogAsync(connection, transaction, patientId, PiiAction.Shred, access, [], cancellationToken);
            await RegisterAsync(connection, transaction, patientId, DeletedRecord.PersonalDetails, access, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (shredded)
        {
            logger.LogInformation("Shredded personal information of patient {PatientId}", patientId);
        }

        return shredded;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> EraseFieldsAsync(
        string patientId, IReadOnlyCollection<string> fields, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (_, _, previous) = await ReadForUpdateAsync(connection, transaction, patientId, cancellationToken);
        if (previous is null)
        {
            return [];
        }

        var remaining = previous.Without(fields);
        var erased = previous.ChangedFields(remaining);
        if (erased.Count == 0)
        {
            return [];
        }

        // A fresh data key for what remains: the old one, which also opened the erased fields, is gone with the old row.
        await UpsertAsync(connection, transaction, patientId, await cipher.SealAsync(patientId, remaining, cancellationToken), remaining, cancellationToken);
        await LogAsync(connection, transaction, patientId, PiiAction.Erase, access, erased, cancellationToken);
        foreach (var field in erased)
        {
            await RegisterAsync(connection, transaction, patientId, DeletedRecord.PersonalDetailsField(field), access, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Erased {FieldCount} fields of patient {PatientId}'s personal information", erased.Count, patientId);
        return erased;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeletedRecord>> DeletionsAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        var deletions = new List<DeletedRecord>();
        await using var command = dataSource.CreateCommand($"SELECT data_type, tier, reason, deleted_at FROM {RegisterTable} WHERE client_id = $1 ORDER BY id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deletions.Add(new DeletedRecord(clientId, reader.GetString(0), reader.GetString(1), reader.GetString(2), Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(3))));
        }

        return deletions;
    }

    /// <inheritdoc />
    public async Task<int> RewrapAsync(int batchSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var current = masterKey.CurrentVersion;
        var total = 0;
        var after = string.Empty;

        // Keyset paging by patient id: each pass moves forward, so a row a concurrent writer holds back cannot loop us.
        while (true)
        {
            var batch = await ReadStaleKeysAsync(current, after, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var rewrapped = new List<(string PatientId, byte[] OldKey, WrappedDataKey NewKey)>(batch.Count);
            foreach (var (patientId, oldKey) in batch)
            {
                try
                {
                    rewrapped.Add((patientId, oldKey, await cipher.RewrapAsync(patientId, oldKey, cancellationToken)));
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    logger.LogError("Could not unwrap the data key of patient {PatientId} for rewrapping; rewrap stopped", patientId);
                    throw;
                }
            }

            total += await SaveRewrappedAsync(rewrapped, cancellationToken);
            after = batch[^1].PatientId;
            logger.LogInformation("Rewrapped {Count} data keys to master key version {KeyVersion} so far", total, current);
        }

        return total;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<int, long>> CountByKeyVersionAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<int, long>();
        await using var command = dataSource.CreateCommand(
            $"SELECT key_version, count(*) FROM {Table} WHERE shredded_at IS NULL GROUP BY key_version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<IReadOnlyList<string>> FindAsync(
        string field, IReadOnlyList<byte[]> indexes, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<List<string>>> match,
        PiiAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        if (indexes.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await match(connection, transaction, cancellationToken);

        // A match tells the caller that this patient has this contact or name: logged as a lookup of that field.
        foreach (var id in ids)
        {
            await LogAsync(connection, transaction, id, PiiAction.Lookup, access, [field], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Blind-index lookup by {Field} matched {Count} patients", field, ids.Count);
        return ids;
    }

    private Task<IReadOnlyList<string>> FindByColumnAsync(string column, string field, byte[]? index, PiiAccess access, CancellationToken cancellationToken) =>
        FindAsync(field, index is null ? [] : [index], (c, t, ct) => MatchColumnAsync(c, t, column, index!, ct), access, cancellationToken);

    private static async Task<List<string>> MatchColumnAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string column, byte[] index, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var command = new NpgsqlCommand(
            $"SELECT patient_id FROM {Table} WHERE {column} = $1 AND shredded_at IS NULL ORDER BY patient_id", connection, transaction);
        command.Parameters.Add(Bytes(index));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task<List<(string PatientId, byte[] WrappedKey)>> ReadStaleKeysAsync(
        int current, string after, int batchSize, CancellationToken cancellationToken)
    {
        var batch = new List<(string, byte[])>(batchSize);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT patient_id, wrapped_key FROM {Table}
            WHERE shredded_at IS NULL AND key_version <> $1 AND patient_id > $2
            ORDER BY patient_id
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = current });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
        }

        return batch;
    }

    private async Task<int> SaveRewrappedAsync(
        List<(string PatientId, byte[] OldKey, WrappedDataKey NewKey)> rewrapped, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (patientId, oldKey, newKey) in rewrapped)
        {
            // Only if the row still holds the key we unwrapped: a concurrent store or shred since then has already
            // replaced it with something current (or nothing), and must win.
            var update = new NpgsqlBatchCommand(
                $"""
                UPDATE {Table} SET key_version = $2, wrapped_key = $3, updated_at = now()
                WHERE patient_id = $1 AND wrapped_key = $4 AND shredded_at IS NULL
                """);
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = newKey.Version });
            update.Parameters.Add(Bytes(newKey.Blob));
            update.Parameters.Add(Bytes(oldKey));
            batch.BatchCommands.Add(update);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var saved = 0;
        foreach (var command in batch.BatchCommands)
        {
            saved += command.RecordsAffected;
        }

        return saved;
    }

    private async Task<(bool Exists, bool Shredded, PatientPii? Previous)> ReadForUpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, CancellationToken cancellationToken)
    {
        SealedPii? sealedPii;
        await using (var command = new NpgsqlCommand(
            $"SELECT shredded_at IS NOT NULL, key_version, wrapped_key, nonce, ciphertext FROM {Table} WHERE patient_id = $1 FOR UPDATE",
            connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (false, false, null);
            }

            if (reader.GetBoolean(0))
            {
                return (true, true, null);
            }

            sealedPii = new SealedPii(
                reader.GetInt32(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4));
        }

        try
        {
            return (true, false, await cipher.OpenAsync(patientId, sealedPii, cancellationToken));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A record under a retired master key can still be replaced; its history then names every field.
            return (true, false, null);
        }
    }

    private async Task UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, SealedPii sealedPii, PatientPii pii, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {Table} AS p (patient_id, key_version, wrapped_key, nonce, ciphertext, email_index, phone_index)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (patient_id) DO UPDATE SET
                key_version = EXCLUDED.key_version,
                wrapped_key = EXCLUDED.wrapped_key,
                nonce       = EXCLUDED.nonce,
                ciphertext  = EXCLUDED.ciphertext,
                email_index = EXCLUDED.email_index,
                phone_index = EXCLUDED.phone_index,
                updated_at  = now()
            WHERE p.shredded_at IS NULL
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = sealedPii.KeyVersion });
        command.Parameters.Add(Bytes(sealedPii.WrappedKey));
        command.Parameters.Add(Bytes(sealedPii.Nonce));
        command.Parameters.Add(Bytes(sealedPii.Ciphertext));
        command.Parameters.Add(Bytes(blindIndex.ForEmail(pii.Email)));
        command.Parameters.Add(Bytes(blindIndex.ForPhone(pii.Phone)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task LogAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, PiiAction action, PiiAccess access,
        IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {LogTable} (patient_id, action, actor_id, actor_role, purpose, fields) VALUES ($1, $2, $3, $4, $5, $6)",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action.ToString().ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = access.ActorId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = access.ActorRole });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = access.Purpose });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. fields] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RegisterAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string clientId, string dataType, PiiAccess access, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {RegisterTable} (client_id, data_type, tier, reason) VALUES ($1, $2, $3, $4)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clientId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dataType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DeletedRecord.HotTier });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = access.Purpose });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Bytes(byte[]? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Bytea, Value = value is null ? DBNull.Value : value };
}
