using Npgsql;
using OrleansClinic.Persistence.Postgres;

namespace OrleansClinic.Privacy.Tests;

/// <summary>A brand-new migrated database for one test, and a way to look at the vault's rows directly.</summary>
public sealed class VaultDatabase : IAsyncDisposable
{
    private VaultDatabase(NpgsqlDataSource dataSource) => DataSource = dataSource;

    public NpgsqlDataSource DataSource { get; }

    public static async Task<VaultDatabase> CreateAsync(PostgresServer server, string prefix)
    {
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(prefix));
        await new ClinicMigrator(dataSource).MigrateAsync(TestContext.Current.CancellationToken);
        return new VaultDatabase(dataSource);
    }

    public PostgresPiiVault Vault(IMasterKey masterKey, BlindIndex blindIndex) => new(DataSource, masterKey, blindIndex);

    /// <summary>A vault with fresh keys: on this database for "postgres", the embedded clinic's in-memory one for "memory".</summary>
    public IPiiVault Vault(string kind) => kind == "postgres"
        ? Vault(LocalKeyRing.Ephemeral(), BlindIndex.Ephemeral())
        : new InMemoryPiiVault(LocalKeyRing.Ephemeral(), BlindIndex.Ephemeral(), NodaTime.SystemClock.Instance);

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
