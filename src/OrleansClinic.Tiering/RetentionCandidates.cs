using NodaTime;
using Npgsql;

namespace OrleansClinic.Tiering;

/// <summary>
/// Finds, from PostgreSQL alone, the patients whose record may be due for destruction: last contact before the review
/// bound of the retention rule, a date set by an erasure request that has come, or everything personal already erased.
/// Which of them really are due is the patient grain's call, as only it may read a date of birth.
/// </summary>
public sealed class RetentionCandidates(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Up to <paramref name="limit"/> candidates after patient <paramref name="after"/> (null: from the first), in id
    /// order, so a run can resume from the last one it reviewed.
    /// </summary>
    public async Task<IReadOnlyList<RetentionCandidate>> NextAsync(string? after, Instant contactsBefore, LocalDate today, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // A record kept for a minor names its next review day (retainedUntil), so it is not reviewed, nor its date of
        // birth read, twice a day for years.
        await using var command = dataSource.CreateCommand(
            """
            SELECT c.id, c.last_contact
            FROM (
                SELECT substr(p.grain_id, strpos(p.grain_id, '/') + 1) AS id, p.grain_id, p.payload,
                       greatest((p.payload->>'registeredAt')::timestamptz, h.last_end, w.last_end) AS last_contact
                FROM users_profile.patient p
                LEFT JOIN LATERAL (SELECT max(a.slot_end) AS last_end FROM appointments.appointment a WHERE a.patient_id = substr(p.grain_id, strpos(p.grain_id, '/') + 1)) h ON true
                LEFT JOIN LATERAL (SELECT max(r.slot_end) AS last_end FROM appointments.archived r WHERE r.patient_id = substr(p.grain_id, strpos(p.grain_id, '/') + 1)) w ON true
                WHERE p.grain_id > $1
                  AND p.payload->>'registeredAt' IS NOT NULL
                  AND p.payload->>'destroyedAt' IS NULL
                  AND coalesce((p.payload->>'retainedUntil')::date <= $3, true)
            ) c
            WHERE c.payload->>'erasedAt' IS NOT NULL
               OR (c.payload->>'restErasedOn')::date <= $3
               OR (c.payload->>'restErasedOn' IS NULL AND c.last_contact < $2)
            ORDER BY c.grain_id
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after is null ? "" : "patient/" + after });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = contactsBefore.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = DateOnly.FromDateTime(today.ToDateTimeUnspecified()) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var found = new List<RetentionCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new RetentionCandidate(reader.GetString(0), Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(1), DateTimeKind.Utc))));
        }

        return found;
    }
}
