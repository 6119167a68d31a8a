using Npgsql;
using OrleansClinic.Archive;

namespace OrleansClinic.Tiering;

/// <summary>
/// The list of archive batches whose objects are to be deleted (<c>appointments.archive_superseded</c>): a batch the
/// index no longer names, and a new batch from before its first byte is written until the commit that indexes it, so
/// objects left by a crash between the store and the database are found and deleted instead of keeping records forever.
/// </summary>
internal static class SupersededBatches
{
    // Advisory locks on batch keys (with hashtext of the key) live in this class so they meet no other lock of the clinic.
    private const string LockClass = "hashtext('appointments.archive_superseded')";

    /// <summary>
    /// Lists <paramref name="manifestKey"/> (committed at once, outside <paramref name="transaction"/>) before the caller
    /// writes it, and locks it until that transaction ends so <see cref="DeleteAsync"/> leaves it alone meanwhile; the
    /// caller's transaction unlists it with <see cref="Unlist"/> when it indexes the batch.
    /// </summary>
    public static async Task ListBeforeWritingAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, string manifestKey, CancellationToken cancellationToken)
    {
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockClass}, hashtext($1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var list = dataSource.CreateCommand("INSERT INTO appointments.archive_superseded (manifest_key) VALUES ($1) ON CONFLICT DO NOTHING");
        list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
        await list.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A batch command listing <paramref name="manifestKey"/>, for the transaction that stops indexing it.</summary>
    public static NpgsqlBatchCommand List(string manifestKey)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO appointments.archive_superseded (manifest_key) VALUES ($1) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
        return command;
    }

    /// <summary>A batch command unlisting <paramref name="manifestKey"/>, for the transaction that indexes it.</summary>
    public static NpgsqlBatchCommand Unlist(string manifestKey)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM appointments.archive_superseded WHERE manifest_key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
        return command;
    }

    /// <summary>The listed batches, in key order.</summary>
    public static async Task<List<string>> AllAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT manifest_key FROM appointments.archive_superseded ORDER BY manifest_key");
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>Deletes a listed batch's objects, then its listing; skipped while it is being written or when the index names it.</summary>
    public static async Task DeleteAsync(NpgsqlDataSource dataSource, IArchiveStore store, string manifestKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({LockClass}, hashtext($1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return;
            }
        }

        // Read after the lock is held, so a write committed just before counts; never delete a batch the index names.
        await using (var check = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM appointments.archive_superseded WHERE manifest_key = $1)
               AND NOT EXISTS (SELECT 1 FROM appointments.archived WHERE manifest_key = $1)
            """,
            connection,
            transaction))
        {
            check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
            if (await check.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return;
            }
        }

        // The manifest first: a manifest in the store always names data that is there.
        await store.DeleteAsync(manifestKey, cancellationToken);
        await store.DeleteAsync(ArchiveKeys.DataKeyFor(manifestKey), cancellationToken);
        await using (var done = new NpgsqlCommand("DELETE FROM appointments.archive_superseded WHERE manifest_key = $1", connection, transaction))
        {
            done.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifestKey });
            await done.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
