using Orleans.TestingHost;

namespace OrleansClinic.Grains.Tests;

/// <summary>Installs <see cref="StaffDirectoryFault"/> in every silo of a test cluster.</summary>
public sealed class StaffDirectoryFaultConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddOutgoingGrainCallFilter<StaffDirectoryFault>();
}
