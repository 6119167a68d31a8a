using Orleans.TestingHost;

namespace OrleansClinic.Grains.Tests;

/// <summary>Installs <see cref="SagaFault"/> in every silo of a test cluster.</summary>
public sealed class SagaFaultConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddOutgoingGrainCallFilter<SagaFault>();
}
