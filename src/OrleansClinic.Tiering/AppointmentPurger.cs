using System.Security.Cryptography;
using System.Text;
using Npgsql;
using OrleansClinic.Archive;

namespace OrleansClinic.Tiering;

/// <summary>
/// Destroys one patient's appointments from every tier when their retention ends: the hot rows, and their records in
/// each archive batch, which is rewritten without them (other patients' records stay) before the old batch is deleted;
/// a line per appointment in the register of deleted records. Every step can be repeated after a crash: a batch whose
/// objects must go is listed in <c>appointments.archive_superseded</c> before they go, and a rewrite is named by its content.
/// </summary>
public sealed class AppointmentPurger(NpgsqlDataSource dataSource, IArchiveStore store)
{
    // The register's check on reason.
    private const int MaximumReasonLength = 200;

    /// <summary>
    /// Deletes <paramref name="patientId"/>'s appointments from the hot store and the archive, registering each with
    /// <paramref name="reason"/>. Cold batches are asked to be restored and purged by a later call (see <see cref="PurgedAppointments.Complete"/>).
    /// </summary>
    public async Task<PurgedAppointments> PurgePatientAsync(string patientId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, MaximumReasonLength, nameof(reason));

        foreach (var manifestKey in await SupersededBatches.AllAsync(dataSource, cancellationToken))
        {
            await SupersededBatches.DeleteAsync(dataSource, store, manifestKey, cancellationToken);
        }

        var (hot, notices) = await PurgeHotAsync(patientId, reason, cancellationToken);
        var archived = 0;
        var waiting = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Listed again after each pass: a purge of another patient sharing a batch may have moved this one's rows to its rewrite.
        for (List<string> batches; (batches = [.. (await ManifestsAsync(patientId, cancellationToken)).Where(seen.Add)]).Count > 0;)
        {
            foreach (var manifestKey in batches)
            {
                if (await PurgeBatchAsync(patientId, manifestKey, reason, cancellationToken) is { } purged)
                {
                    archived += purged;
                }
                else
                {
                    waiting++;
                }
            }
        }

        return new PurgedAppointments(hot, archived, waiting, notices);
    }

    private async Task<(int Appointments, int Notices)> PurgeHotAsync(string patientId, string reason, CancellationToken cancellationToken)
    {
        // One statement: a row is gone exactly when its line in the register is written. The notices sent about the
        // appointments go with them: when, by which channel and whether they arrived is part of the patient's record.
        await using var command = dataSource.CreateCommand(
            """
            WITH appointments AS (
                DELETE FROM appointments.appointment WHERE patient_id = $1 RETURNING 'appointment' AS data_type),
            notices AS (
                DELETE FROM notifications.delivery WHERE patient_id = $1 RETURNING 'notification' AS data_type),
            registered AS (
                INSERT INTO audit_logs.deletion_register (client_id, data_type, tier, reason)
                SELECT $1, data_type, 'hot', $2 FROM (SELECT data_type FROM appointments UNION ALL SELECT data_type FROM notices) AS gone)
            SELECT (SELECT count(*) FROM appointments)::int, (SELECT count(*) FROM notices)::int
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Removes the patient's records from one batch: the count removed, or null when the batch is cold and was asked to be restored.</summary>
    private async Task<int?> PurgeBatchAsync(string patientId, string manifestKey, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The batch's index rows stay locked to the commit: a purge of another patient sharing the batch waits, then
        // finds them moved to this rewrite instead of writing a second one that would keep this patient's records.
        var (theirs, others) = await LockIndexAsync(connection, transaction, patientId, manifestKey, cancellationToken);
        if (theirs.Count == 0)
        {
            return 0;
        }

        ArchivedBatch batch;
        try
        {
            batch = await new ArchiveReader(store).ReadAsync(manifestKey, cancellationToken);
        }
        catch (ArchiveRestoreRequiredException)
        {
            // Its rows stay for a later call; a restore is free to repeat (as the reader of an access request does).
            await transaction.RollbackAsync(cancellationToken);
            await store.RequestRestoreAsync(manifestKey, ArchivedAppointmentReader.RestoreDays, cancellationToken);
            await store.RequestRestoreAsync(ArchiveKeys.DataKeyFor(manifestKey), ArchivedAppointmentReader.RestoreDays, cancellationToken);
            return null;
        }

        var tier = await TierOfAsync(manifestKey, cancellationToken);
        var kept = batch.Records.Where(r => !theirs.Contains(r.Id.Split('/')[^1])).ToList();
        string? rewritten = null;
        if (kept.Count > 0)
        {
            rewritten = await RewriteAsync(connection, transaction, batch, kept, cancellationToken);
        }
        else if (others > 0)
        {
            // Deleting the batch would leave other patients' index rows naming nothing; a person must look first.
            throw new InvalidOperationException(
                $"Archive batch {manifestKey} holds only {patientId}'s records, yet the index names {others} other appointments in it; nothing was purged from it.");
        }

        var purged = await CommitAsync(connection, transaction, patientId, manifestKey, theirs, rewritten, tier, reason, cancellationToken);
        await SupersededBatches.DeleteAsync(dataSource, store, manifestKey, cancellationToken);
        return purged;
    }

    private static async Task<(HashSet<string> Theirs, int Others)> LockIndexAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, string manifestKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT appointment_id, patient_id IS NOT DISTINCT FROM $2 FROM appointments.archived WHERE manifest_key = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        var theirs = new HashSet<string>(StringComparer.Ordinal);
        var others = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(1))
            {
                theirs.Add(reader.GetString(0));
            }
            else
            {
                others++;
            }
        }

        return (theirs, others);
    }

    private async Task<string> TierOfAsync(string manifestKey, CancellationToken cancellationToken)
    {
        var dataKey = ArchiveKeys.DataKeyFor(manifestKey);
        var head = await store.HeadAsync(dataKey, cancellationToken) ?? throw new ArchiveObjectNotFoundException(dataKey, $"Archive object {dataKey} was read but is gone.");

        // A restored copy is still a cold object, and Intelligent-Tiering's archive tiers report a state, not a class.
        return ArchiveStorageClasses.IsCold(head.StorageClass) || head.State != ArchiveRetrievalState.Available ? "cold" : "warm";
    }

    private async Task<string> RewriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ArchivedBatch old, List<ArchiveRecord> kept, CancellationToken cancellationToken)
    {
        // Named by what it keeps, so a retry after a crash rewrites the same batch, and dated as the old one to sit beside it.
        var batchId = "b" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', kept.Select(r => r.Id).Prepend(old.Manifest.BatchId)))))[..24];
        var rewrite = new ArchiveBatch(batchId, old.Manifest.DataType, old.Manifest.CreatedAt, kept);
        var manifestKey = ArchiveKeys.ManifestKey(rewrite.DataType, rewrite.CreatedAt, batchId);

        // Listed for deletion before its first byte is written and unlisted by the commit that points the index at it.
        await SupersededBatches.ListBeforeWritingAsync(dataSource, connection, transaction, manifestKey, cancellationToken);
        return (await new ArchiveWriter(store).WriteAsync(rewrite, cancellationToken)).ManifestKey;
    }

    private static async Task<int> CommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string patientId, string manifestKey, HashSet<string> theirs, string? rewritten,
        string tier, string reason, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var purge = new NpgsqlBatchCommand(
            """
            WITH gone AS (
                DELETE FROM appointments.archived WHERE manifest_key = $1 AND appointment_id = ANY($2) RETURNING appointment_id)
            INSERT INTO audit_logs.deletion_register (client_id, data_type, tier, reason)
            SELECT $3, 'appointment', $4, $5 FROM gone
            """);
        purge.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
        purge.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. theirs] });
        purge.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        purge.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tier });
        purge.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        batch.BatchCommands.Add(purge);

        if (rewritten is not null)
        {
            // What is left of the old batch's index is what the rewrite keeps.
            var move = new NpgsqlBatchCommand("UPDATE appointments.archived SET manifest_key = $2 WHERE manifest_key = $1");
            move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
            move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rewritten });
            batch.BatchCommands.Add(move);
            batch.BatchCommands.Add(SupersededBatches.Unlist(rewritten));
        }

        batch.BatchCommands.Add(SupersededBatches.List(manifestKey));

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return purge.RecordsAffected;
    }

    private async Task<List<string>> ManifestsAsync(string patientId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT manifest_key FROM appointments.archived WHERE patient_id = $1 ORDER BY manifest_key");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        return await ReadKeysAsync(command, cancellationToken);
    }

    private static async Task<List<string>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
