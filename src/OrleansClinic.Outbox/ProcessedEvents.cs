using Npgsql;

namespace OrleansClinic.Outbox;

/// <summary>
/// The consumer side of exactly-once effects: <c>outbox.processed_event</c> remembers which event ids each consumer has
/// acted on. Record the event in the same transaction as its effect and a re-delivered event changes nothing.
/// </summary>
public sealed class ProcessedEvents
{
    private readonly NpgsqlDataSource dataSource;

    /// <summary>Creates the helper for the database <paramref name="dataSource"/> connects to.</summary>
    public ProcessedEvents(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> processed <paramref name="eventId"/>; false when it already had (a duplicate
    /// to skip). Pass the transaction that carries the consumer's effect so both commit or neither does.
    /// </summary>
    public async Task<bool> TryMarkProcessedAsync(
        string consumer, Guid eventId, NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        const string Sql = "INSERT INTO outbox.processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
        if (transaction is not null)
        {
            var connection = transaction.Connection ?? throw new ArgumentException("The transaction has already completed.", nameof(transaction));
            await using var inTransaction = new NpgsqlCommand(Sql, connection, transaction);
            return await ExecuteAsync(inTransaction, consumer, eventId, cancellationToken);
        }

        await using var command = dataSource.CreateCommand(Sql);
        return await ExecuteAsync(command, consumer, eventId, cancellationToken);
    }

    private static async Task<bool> ExecuteAsync(NpgsqlCommand command, string consumer, Guid eventId, CancellationToken cancellationToken)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumer });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
