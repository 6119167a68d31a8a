using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Hosting;
using Orleans.Providers;
using OrleansClinic.Persistence.Postgres.Hosting;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>
/// Orleans' stream pub-sub on <see cref="OrleansStateStorage"/>: an explicit subscription is a row in
/// <c>orleans_state.grain_state</c>, and it still delivers after the silo that made it is gone.
/// </summary>
public sealed class PubSubStoreTests(PostgresServer server)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_explicit_subscription_is_stored_in_postgres_and_survives_a_silo_restart()
    {
        var connectionString = await server.CreateDatabaseAsync("pubsub");
        await using var db = NpgsqlDataSource.Create(connectionString);
        const string key = "probe-1";

        using (var first = await StartSiloAsync(connectionString))
        {
            try
            {
                await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreamProbeGrain>(key).Subscribe();

                Assert.Equal(1L, await ScalarAsync<long>(
                    db,
                    "SELECT count(*) FROM orleans_state.grain_state WHERE grain_id LIKE 'pubsubrendezvous/%' AND grain_id LIKE '%probe-1%'"));
                await ProduceAsync(first, key, 1);
                await WaitForAsync(first, key, 1);
            }
            finally
            {
                await first.StopAsync(CancellationToken.None);
            }
        }

        // A new silo has no memory of the subscription: only PostgreSQL can tell it the probe grain is a consumer.
        using var second = await StartSiloAsync(connectionString);
        try
        {
            await ProduceAsync(second, key, 5);
            await WaitForAsync(second, key, 5);
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<IHost> StartSiloAsync(string connectionString)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(FreePort(), FreePort())
                .AddMemoryStreams(StreamProbeGrain.Provider)
                // Clinic storage is here for its silo-start migration, which creates orleans_state.grain_state.
                .AddClinicPostgresGrainStorage(ClinicStorage.ProviderName, o => o.ConnectionString = connectionString)
                .AddOrleansStatePostgresStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME, o => o.ConnectionString = connectionString))
            .Build();
        await host.StartAsync(Cancel);
        return host;
    }

    private static Task ProduceAsync(IHost host, string key, int item) =>
        host.Services.GetRequiredService<IClusterClient>()
            .GetStreamProvider(StreamProbeGrain.Provider)
            .GetStream<int>(StreamId.Create(StreamProbeGrain.Namespace, key))
            .OnNextAsync(item);

    private static async Task WaitForAsync(IHost host, string key, int expected)
    {
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStreamProbeGrain>(key);
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (await grain.Received() != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
        }

        Assert.Equal(expected, await grain.Received());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
