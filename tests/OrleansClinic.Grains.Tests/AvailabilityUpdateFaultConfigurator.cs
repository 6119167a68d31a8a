using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansClinic.Grains.Schedules;

namespace OrleansClinic.Grains.Tests;

/// <summary>Installs <see cref="AvailabilityUpdateFault"/> and refreshes the day availability every second, not the production minute.</summary>
public sealed class AvailabilityUpdateFaultConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddOutgoingGrainCallFilter<AvailabilityUpdateFault>();
        siloBuilder.Services.Configure<ClinicDayAvailabilityOptions>(o => o.RefreshPeriod = TimeSpan.FromSeconds(1));
    }
}
