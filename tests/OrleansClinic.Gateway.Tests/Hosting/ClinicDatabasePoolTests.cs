using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansClinic.Hosting;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests.Hosting;

/// <summary>Each PostgreSQL pool of a clinic process is bounded unless the connection string sets its own size.</summary>
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
        Assert.Equal(ClinicDatabasePool.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(ClinicDatabasePool.Bounded(Server)).MaxPoolSize);
        Assert.Equal(Server + ";Maximum Pool Size=50", ClinicDatabasePool.Bounded(Server + ";Maximum Pool Size=50"));
        Assert.Equal(Server + ";MaxPoolSize=3", ClinicDatabasePool.Bounded(Server + ";MaxPoolSize=3"));

        // A minimum above the bound wins, or Npgsql would refuse the string.
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(ClinicDatabasePool.Bounded(Server + ";Minimum Pool Size=20")).MaxPoolSize);
        Assert.Null(ClinicDatabasePool.Bounded(null));
        Assert.Equal(string.Empty, ClinicDatabasePool.Bounded(string.Empty));
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
}
