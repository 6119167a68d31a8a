using NodaTime;
using Npgsql;

namespace OrleansClinic.Tiering;

/// <summary>
/// Keeps the outbox from growing for ever: deletes events the relay published and the audit trail sealed long ago (Kafka
/// and the audit chain hold them now), and consumers' records of events processed longer ago than any redelivery.
/// </summary>
public sealed class OutboxHousekeeper(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> events sent before <paramref name="sentBefore"/> and sealed into the
    /// audit chain, and as many processed-event records older than <paramref name="processedBefore"/>; returns how many rows went.
    /// </summary>
    public async Task<int> ClearNextAsync(Instant sentBefore, Instant processedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // An event not yet in the chain stays whatever its age: the sealer reads it from here.
        await using var batch = dataSource.CreateBatch();
        var events = new NpgsqlBatchCommand(
            """
            DELETE FROM outbox.event WHERE sequence IN (
                SELECT o.sequence FROM outbox.event o
                WHERE o.sent_at < $1
                  AND EXISTS (SELECT 1 FROM audit_logs.entry e WHERE e.source = 'event' AND e.source_id = o.sequence)
                ORDER BY o.sequence
                LIMIT $2)
            """);
        events.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = sentBefore.ToDateTimeUtc() });
        events.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        var processed = new NpgsqlBatchCommand(
            """
            DELETE FROM outbox.processed_event WHERE (consumer, event_id) IN (
                SELECT consumer, event_id FROM outbox.processed_event WHERE processed_at < $1 LIMIT $2)
            """);
        processed.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = processedBefore.ToDateTimeUtc() });
        processed.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        batch.BatchCommands.Add(events);
        batch.BatchCommands.Add(processed);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return events.RecordsAffected + processed.RecordsAffected;
    }
}
