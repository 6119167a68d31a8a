using Npgsql;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Outbox.Tests;

/// <summary>A fresh, migrated clinic database for one test, with helpers to write and inspect outbox rows directly.</summary>
public sealed class OutboxDatabase : IAsyncDisposable
{
    private OutboxDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<OutboxDatabase> CreateAsync(PostgresServer server, string prefix)
    {
        var database = new OutboxDatabase(await server.CreateDatabaseAsync(prefix));
        await new ClinicMigrator(database.DataSource).MigrateAsync();
        return database;
    }

    /// <summary>Inserts one outbox row as a grain's write would, and returns its event id.</summary>
    public async Task<Guid> InsertEventAsync(string eventType, string entityKey, string payloadJson, string? correlationId = "corr-1", TimeSpan? age = null)
    {
        var eventId = Guid.NewGuid();
        await using var command = DataSource.CreateCommand(
            """
            INSERT INTO outbox.event (event_id, event_type, entity_key, correlation_id, occurred_at, payload, created_at)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, now() - $7)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityKey });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)correlationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = new DateTimeOffset(2026, 3, 2, 22, 30, 0, TimeSpan.Zero) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payloadJson });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = age ?? TimeSpan.Zero });
        await command.ExecuteNonQueryAsync();
        return eventId;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public Task<long> UnsentAsync() => ScalarAsync("SELECT count(*) FROM outbox.event WHERE sent_at IS NULL");

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
