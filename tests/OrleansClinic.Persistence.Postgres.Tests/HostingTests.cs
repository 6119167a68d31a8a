using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Serialization;
using OrleansClinic.Persistence.Postgres.Hosting;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres.Tests;

/// <summary>Registration, options validation and the silo-start migration.</summary>
public sealed class HostingTests(PostgresServer server)
{
    [Fact]
    public void A_missing_connection_string_is_reported_by_provider_name()
    {
        var validator = new ClinicStorageOptionsValidator(new ClinicStorageOptions(), "clinic");

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("\"clinic\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ClinicStorageOptions.ConnectionString), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_apply_on_start_unless_turned_off()
    {
        Assert.True(new ClinicStorageOptions().ApplyMigrationsOnStart);
    }

    [Fact]
    public async Task The_provider_is_registered_by_name_with_its_validator_and_lifecycle()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddClinicPostgresGrainStorage(ClinicStorage.ProviderName, o => o.ConnectionString = "Host=127.0.0.1;Database=none");
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<ClinicGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>(ClinicStorage.ProviderName));
        Assert.Contains(provider.GetServices<ILifecycleParticipant<ISiloLifecycle>>(), p => p is ClinicGrainStorage);
        Assert.Contains(provider.GetServices<IConfigurationValidator>(), v => v is ClinicStorageOptionsValidator);
        Assert.Null(provider.GetService<IGrainStorage>());
    }

    [Fact]
    public async Task As_default_it_is_also_the_unnamed_grain_storage()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddClinicPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, o => o.ConnectionString = "Host=127.0.0.1;Database=none");
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<ClinicGrainStorage>(provider.GetRequiredService<IGrainStorage>());
    }

    [Fact]
    public void A_missing_orleans_state_connection_string_is_reported_by_provider_name()
    {
        var validator = new OrleansStateStorageOptionsValidator(new OrleansStateStorageOptions(), ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME);

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains($"\"{ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(OrleansStateStorageOptions.ConnectionString), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orleans_state_storage_is_registered_by_name_with_its_validator_and_no_migrator_of_its_own()
    {
        var services = new ServiceCollection().AddLogging().AddSerializer();
        services.AddOrleansStatePostgresStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME, o => o.ConnectionString = "Host=127.0.0.1;Database=none");
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<OrleansStateStorage>(provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME));
        Assert.Contains(provider.GetServices<IConfigurationValidator>(), v => v is OrleansStateStorageOptionsValidator);
        Assert.Empty(provider.GetServices<ILifecycleParticipant<ISiloLifecycle>>());
        Assert.Null(provider.GetService<IGrainStorage>());
    }

    [Fact]
    public async Task Joining_the_silo_lifecycle_migrates_before_membership_starts()
    {
        var connectionString = await server.CreateDatabaseAsync("lifecycle");
        await using var storage = new ClinicGrainStorage("clinic", new ClinicStorageOptions { ConnectionString = connectionString });
        var lifecycle = new RecordingLifecycle();

        storage.Participate(lifecycle);
        var (stage, observer) = Assert.Single(lifecycle.Observers);
        await observer.OnStart(TestContext.Current.CancellationToken);

        Assert.True(stage < ServiceLifecycleStage.RuntimeGrainServices);
        Assert.Empty(await storage.MigrateAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task With_migrations_off_the_silo_start_leaves_the_database_alone()
    {
        var connectionString = await server.CreateDatabaseAsync("no_migrate");
        await using var storage = new ClinicGrainStorage("clinic", new ClinicStorageOptions { ConnectionString = connectionString, ApplyMigrationsOnStart = false });
        var lifecycle = new RecordingLifecycle();

        storage.Participate(lifecycle);
        await Assert.Single(lifecycle.Observers).Observer.OnStart(TestContext.Current.CancellationToken);

        Assert.NotEmpty(await storage.MigrateAsync(TestContext.Current.CancellationToken));
    }

    private sealed class RecordingLifecycle : ISiloLifecycle
    {
        public List<(int Stage, ILifecycleObserver Observer)> Observers { get; } = [];

        public int HighestCompletedStage => 0;

        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            Observers.Add((stage, observer));
            return new CancellationTokenSource();
        }
    }
}
