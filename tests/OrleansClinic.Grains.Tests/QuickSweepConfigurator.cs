using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansClinic.Hosting.Appointments;

namespace OrleansClinic.Grains.Tests;

/// <summary>Installs <see cref="SagaFault"/> and sweeps for unfinished appointments every second, so a test need not wait the production minute.</summary>
public sealed class QuickSweepConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddOutgoingGrainCallFilter<SagaFault>();
        siloBuilder.Services.Configure<UnfinishedAppointmentSweepOptions>(o => (o.Interval, o.MinimumAge) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
    }
}
