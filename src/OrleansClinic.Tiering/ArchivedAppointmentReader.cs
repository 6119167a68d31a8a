using NodaTime;
using Npgsql;
using OrleansClinic.Archive;

namespace OrleansClinic.Tiering;

/// <summary>
/// Brings a patient's archived appointments back for an access request: the index says which batches hold them; a batch
/// in the cold tier is asked to be restored and read on a later request, once S3 has restored it.
/// </summary>
public sealed class ArchivedAppointmentReader(NpgsqlDataSource dataSource, IArchiveStore store)
{
    /// <summary>Days a restored copy stays readable: long enough to answer an access request (30 days under APP 12).</summary>
    public const int RestoreDays = 30;

    /// <summary>When the patient's latest archived appointment that was a service (checked in or completed) ended; from the index alone.</summary>
    public async Task<Instant?> LastServiceEndAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        await using var command = dataSource.CreateCommand(
            "SELECT max(slot_end) FROM appointments.archived WHERE patient_id = $1 AND status IN ('checked_in', 'completed')");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime end ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(end, DateTimeKind.Utc)) : null;
    }

    /// <summary>The patient's archived appointments readable now, restoring the cold batches that hold the rest.</summary>
    public async Task<ArchivedAppointments> ForPatientAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        var indexed = new List<(string Id, string? DoctorId, Instant? Start, Instant? End, Instant ArchivedAt, string Manifest)>();
        await using (var command = dataSource.CreateCommand(
            "SELECT appointment_id, doctor_id, slot_start, slot_end, archived_at, manifest_key FROM appointments.archived WHERE patient_id = $1 ORDER BY slot_start"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = patientId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Instant? At(int i) => reader.IsDBNull(i) ? null : Instant.FromDateTimeUtc(reader.GetFieldValue<DateTime>(i));
                indexed.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), At(2), At(3), At(4)!.Value, reader.GetString(5)));
            }
        }

        var found = new List<ArchivedAppointmentView>();
        var restoring = 0;
        foreach (var batch in indexed.GroupBy(i => i.Manifest, StringComparer.Ordinal))
        {
            ArchivedBatch archived;
            try
            {
                archived = await new ArchiveReader(store).ReadAsync(batch.Key, cancellationToken);
            }
            catch (ArchiveRestoreRequiredException)
            {
                // Glacier: both objects of the batch were moved by the lifecycle rule; a restore is free to repeat.
                await store.RequestRestoreAsync(batch.Key, RestoreDays, cancellationToken);
                await store.RequestRestoreAsync(ArchiveKeys.DataKeyFor(batch.Key), RestoreDays, cancellationToken);
                restoring++;
                continue;
            }

            var records = archived.Records.ToDictionary(r => r.Id.Split('/')[^1], r => r.Document, StringComparer.Ordinal);
            found.AddRange(batch.Where(i => records.ContainsKey(i.Id)).Select(i => new ArchivedAppointmentView(i.Id, i.DoctorId, i.Start, i.End, i.ArchivedAt, records[i.Id])));
        }

        return new ArchivedAppointments(found, restoring);
    }
}
