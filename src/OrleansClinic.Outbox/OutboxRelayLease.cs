using Npgsql;

namespace OrleansClinic.Outbox;

/// <summary>
/// The lease row in <c>outbox.relay_lease</c> that makes one relay of a cluster the active one. Taking and renewing are
/// one conditional upsert on the database's clock: it succeeds for the current holder, or for anyone once the lease expired.
/// </summary>
internal sealed class OutboxRelayLease(NpgsqlDataSource dataSource, string name, string holder)
{
    public string Holder => holder;

    /// <summary>Takes or renews the lease for <paramref name="duration"/>; false when another holder's lease is still valid.</summary>
    public async Task<bool> TryAcquireAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO outbox.relay_lease AS lease (name, holder, expires_at)
            VALUES ($1, $2, clock_timestamp() + $3)
            ON CONFLICT (name) DO UPDATE
                SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                WHERE lease.holder = EXCLUDED.holder OR lease.expires_at < clock_timestamp()
            RETURNING holder
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Gives the lease up if this relay holds it, so a successor need not wait for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM outbox.relay_lease WHERE name = $1 AND holder = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
