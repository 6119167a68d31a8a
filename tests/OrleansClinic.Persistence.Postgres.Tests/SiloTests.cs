using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using OrleansClinic.Persistence.Postgres.Hosting;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>
/// A real silo on a brand-new database: the provider migrates before Orleans' ADO.NET membership starts, and the
/// clustering and reminder packages run on the 0001 tables and queries.
/// </summary>
public sealed class SiloTests(PostgresServer server)
{
    [Fact]
    public async Task A_silo_starts_on_an_empty_database_and_clusters_persists_and_reminds_through_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync("silo");
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        using var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("probe-cluster", "probe-service"))
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false)
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString))
                .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString))
                .AddClinicPostgresGrainStorage(ClinicStorage.ProviderName, o => o.ConnectionString = connectionString))
            .Build();

        await host.StartAsync(cancel);
        try
        {
            var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("probe-1");
            await grain.Raise("probe.first");
            await grain.Raise("probe.second");
            await grain.Remind();

            Assert.Equal(2, await grain.Count());
            await using var db = Npgsql.NpgsqlDataSource.Create(connectionString);
            Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT count(*) FROM outbox.event WHERE entity_key = 'probe-1'"));
            Assert.Equal(2L, await ScalarAsync<long>(db, "SELECT version FROM doctors.schedule_day"));
            Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = 'probe-cluster' AND Status = 3"));
            Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = 'probe-service' AND ReminderName = 'probe'"));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<T> ScalarAsync<T>(Npgsql.NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
