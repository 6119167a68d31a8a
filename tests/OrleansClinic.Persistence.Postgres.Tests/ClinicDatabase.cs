using Npgsql;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>A brand-new migrated database with a storage provider on it, and a way to look at its rows directly.</summary>
public sealed class ClinicDatabase : IAsyncDisposable
{
    private ClinicDatabase(string connectionString, ClinicGrainStorage provider, NpgsqlDataSource sql) =>
        (ConnectionString, Provider, Sql) = (connectionString, provider, sql);

    public string ConnectionString { get; }

    public ClinicGrainStorage Provider { get; }

    /// <summary>The provider as Orleans sees it.</summary>
    public IGrainStorage Storage => Provider;

    public NpgsqlDataSource Sql { get; }

    public static async Task<ClinicDatabase> CreateAsync(PostgresServer server, string prefix)
    {
        var connectionString = await server.CreateDatabaseAsync(prefix);
        var storage = new ClinicGrainStorage(ClinicStorage.ProviderName, new ClinicStorageOptions { ConnectionString = connectionString });
        await storage.MigrateAsync(TestContext.Current.CancellationToken);
        return new ClinicDatabase(connectionString, storage, NpgsqlDataSource.Create(connectionString));
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Sql.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    public async Task<List<string>> OutboxEventTypesAsync(string entityKey)
    {
        var types = new List<string>();
        await using var command = Sql.CreateCommand("SELECT event_type FROM outbox.event WHERE entity_key = $1 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter { Value = entityKey });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Sql.DisposeAsync();
    }
}
