using System.Security.Cryptography;
using System.Text;
using NodaTime;
using Npgsql;
using OrleansClinic.Archive;

namespace OrleansClinic.Tiering;

/// <summary>
/// Moves appointments past their hot window from PostgreSQL to the archive, a batch at a time: archive, verify, and only
/// then delete the hot rows, in one transaction with the index of where each went and the register of deleted records.
/// Every step can be repeated: a batch is named by its content, so an attempt that died after uploading finds the same
/// batch already archived and finishes the delete.
/// </summary>
public sealed class AppointmentArchivist(NpgsqlDataSource dataSource, IArchiveStore store)
{
    /// <summary>The archive's data type for appointments.</summary>
    public const string DataType = "appointments";

    /// <summary>The register's reason for a hot row moved to the warm tier.</summary>
    public const string TieredReason = "moved to the warm tier";

    /// <summary>Archives up to <paramref name="batchSize"/> appointments that ended before <paramref name="endedBefore"/> and deletes them from the hot store.</summary>
    public async Task<TieredBatch> ArchiveNextBatchAsync(Instant endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await ReadAsync(connection, transaction, endedBefore, batchSize, cancellationToken);
        if (rows.Count == 0)
        {
            return new TieredBatch(0, null, false);
        }

        // Named and dated by its content: the same rows make the same batch whenever and wherever they are archived.
        var batchId = "b" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows.Select(r => r.Id + "@" + r.Version)))))[..24];
        var batch = new ArchiveBatch(batchId, DataType, rows.Max(r => r.SlotEnd).ToDateTimeOffset(), [.. rows.Select(r => new ArchiveRecord(r.Id, r.Payload))]);

        // Listed for deletion until the commit indexes it: a batch written by an attempt that died before the commit,
        // whose rows then changed and went in another batch, would otherwise keep copies no index (and no purge) finds.
        await SupersededBatches.ListBeforeWritingAsync(
            dataSource, connection, transaction, ArchiveKeys.ManifestKey(batch.DataType, batch.CreatedAt, batchId), cancellationToken);
        var receipt = await new ArchiveWriter(store).WriteAsync(batch, cancellationToken);

        var moved = await DeleteArchivedAsync(connection, transaction, rows, receipt.ManifestKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TieredBatch(moved, receipt.ManifestKey, receipt.AlreadyArchived);
    }

    private static async Task<List<HotAppointment>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Instant endedBefore, int batchSize, CancellationToken cancellationToken)
    {
        // Locked until the commit, so the rows deleted are exactly the rows archived: a grain writing one, or a purge
        // deleting it, waits; rows locked by someone else are left for the next batch rather than waited for.
        await using var command = new NpgsqlCommand(
            """
            SELECT grain_id, version, patient_id, doctor_id, slot_start, slot_end, payload::text
            FROM appointments.appointment
            WHERE slot_end < $1
            ORDER BY grain_id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = endedBefore.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        var rows = new List<HotAppointment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new HotAppointment(
                reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(5)), reader.GetString(6)));
        }

        return rows;
    }

    private static async Task<int> DeleteArchivedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<HotAppointment> rows, string manifestKey, CancellationToken cancellationToken)
    {
        // Each deleted row gets its index entry and its line in the register of deleted records, or none of it happens;
        // the batch is unlisted in the same transaction, as the index now names it.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var move = new NpgsqlBatchCommand(
            $"""
            WITH gone AS (
                DELETE FROM appointments.appointment t
                USING unnest($1::text[], $2::bigint[]) AS a(id, v)
                WHERE t.grain_id = a.id AND t.version = a.v
                RETURNING t.grain_id, t.patient_id, t.doctor_id, t.slot_start, t.slot_end, t.status),
            indexed AS (
                INSERT INTO appointments.archived (appointment_id, patient_id, doctor_id, slot_start, slot_end, status, manifest_key)
                SELECT split_part(grain_id, '/', 2), patient_id, doctor_id, slot_start, slot_end, status, $3 FROM gone
                ON CONFLICT (appointment_id) DO UPDATE SET manifest_key = excluded.manifest_key, archived_at = now()
                RETURNING appointment_id)
            INSERT INTO audit_logs.deletion_register (client_id, data_type, tier, reason)
            SELECT coalesce(patient_id, 'unknown'), 'appointment', 'hot', '{TieredReason}' FROM gone
            """);
        move.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Id)] });
        move.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.Version)] });
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
        batch.BatchCommands.Add(move);
        batch.BatchCommands.Add(SupersededBatches.Unlist(manifestKey));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return move.RecordsAffected;
    }

    private sealed record HotAppointment(string Id, long Version, string? PatientId, string? DoctorId, Instant SlotEnd, string Payload);
}
