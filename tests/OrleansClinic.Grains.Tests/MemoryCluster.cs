using Orleans.TestingHost;
using OrleansClinic.Hosting;

[assembly: AssemblyFixture(typeof(OrleansClinic.Grains.Tests.MemoryCluster))]

namespace OrleansClinic.Grains.Tests;

/// <summary>A two-silo cluster with in-memory storage and reminders, shared by the grain behaviour tests.</summary>
public sealed class MemoryCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddClinicGrains(new ClinicHostOptions { SeedDemoData = false });
    }
}
