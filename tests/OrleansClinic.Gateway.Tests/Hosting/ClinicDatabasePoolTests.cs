using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansClinic.Hosting;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests.Hosting;

/// <summary>Each PostgreSQL pool of a clinic process is bounded and prepares its statements unless the connection string says otherwise.</summary>
public sealed class ClinicDatabasePoolTests(PostgresServer postgres)
{
    private const string Server = "Host=db.clinic.test;Username=clinic;Database=clinic";

    // Every pool a silo co-hosted with its gateway keeps: grain storage, Orleans' membership and reminders (one pool:
    // one connection string), stream subscriptions, the vault, the outbox relay, notices, the audit trail, tiering and
    // the unfinished-appointment sweep.
    private const int Pools = 9;

    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_clinic_bound_and_one_with_a_size_keeps_it()
    {
        Assert.Equal(ClinicDatabasePool.DefaultMaxPoolSize, Built(Server).MaxPoolSize);
        Assert.Equal(50, Built(Server + ";Maximum Pool Size=50").MaxPoolSize);
        Assert.Equal(3, Built(Server + ";MaxPoolSize=3").MaxPoolSize);

        // A minimum above the bound wins, or Npgsql would refuse the string.
        Assert.Equal(20, Built(Server + ";Minimum Pool Size=20").MaxPoolSize);
        Assert.Null(ClinicDatabasePool.WithDefaults(null));
        Assert.Equal(string.Empty, ClinicDatabasePool.WithDefaults(string.Empty));
    }

    [Fact]
    public void Statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(ClinicDatabasePool.DefaultMaxAutoPrepare, Built(Server).MaxAutoPrepare);
        Assert.Equal(ClinicDatabasePool.DefaultMaxAutoPrepare, Built(Server + ";Maximum Pool Size=50").MaxAutoPrepare);

        // Behind a pooler that cannot keep prepared statements an operator turns them off, and that is kept.
        Assert.Equal(0, Built(Server + ";Max Auto Prepare=0").MaxAutoPrepare);
        Assert.Equal(ClinicDatabasePool.DefaultMaxPoolSize, Built(Server + ";Max Auto Prepare=0").MaxPoolSize);
        Assert.Equal(Server + ";Maximum Pool Size=4;Max Auto Prepare=16;No Reset On Close=false", ClinicDatabasePool.WithDefaults(Server + ";Maximum Pool Size=4;Max Auto Prepare=16;No Reset On Close=false"));
    }

    [Fact]
    public void A_connection_going_back_to_the_pool_is_not_reset_unless_the_connection_string_asks()
    {
        Assert.True(Built(Server).NoResetOnClose);
        Assert.False(Built(Server + ";No Reset On Close=false").NoResetOnClose);
        Assert.Equal(ClinicDatabasePool.DefaultMaxAutoPrepare, Built(Server + ";No Reset On Close=false").MaxAutoPrepare);
    }

    [Fact]
    public async Task A_statement_sent_again_and_again_is_prepared_on_the_server()
    {
        var connectionString = ClinicDatabasePool.WithDefaults(await postgres.CreateDatabaseAsync("pool_prepare"));
        await using var db = NpgsqlDataSource.Create(connectionString!);
        await using var connection = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 10; i++)
        {
            await using var repeated = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = $1", connection) { Parameters = { new() { Value = "pg_type" } } };
            Assert.Equal(1L, await repeated.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_host_options_bound_the_configured_connection_string()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Clinic"] = Server }).Build();
        var options = ClinicHostOptions.From(configuration);

        Assert.Equal(ClinicDatabasePool.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(options.PostgresConnectionString).MaxPoolSize);
        Assert.Equal(options.PostgresConnectionString, options.Vault.ConnectionString);
    }

    [Fact]
    public async Task A_burst_of_registrations_opens_no_more_connections_than_the_pools_allow()
    {
        var connectionString = await postgres.CreateDatabaseAsync("pool_bound");
        await using var api = new ClinicGatewayHost(TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString }));
        var grains = (IGrainFactory)api.Services.GetService(typeof(IGrainFactory))!;

        // 300 patients, 150 at a time: each registration writes the vault and a patient grain's state, so unbounded pools
        // would each grow towards Npgsql's 100.
        var ids = Enumerable.Range(0, 300).Select(_ => "p-pool-" + Guid.NewGuid().ToString("N")[..12]).ToArray();
        await FictionalPatients.RegisterAll(grains, ids, parallelism: 150);

        await using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
        await admin.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", admin) { Parameters = { new() { Value = new NpgsqlConnectionStringBuilder(connectionString).Database } } };
        var backends = (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        Assert.InRange(backends, 1, Pools * ClinicDatabasePool.DefaultMaxPoolSize);
    }

    private static NpgsqlConnectionStringBuilder Built(string connectionString) => new(ClinicDatabasePool.WithDefaults(connectionString));
}
