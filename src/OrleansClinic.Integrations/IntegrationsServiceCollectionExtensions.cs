using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansClinic.Integrations.HealthcareIdentifiers;
using OrleansClinic.Integrations.MyHealthRecord;

namespace OrleansClinic.Integrations;

/// <summary>Registers the national health integrations of a host.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the not-configured placeholders for My Health Record and the HI Service. Registration uses TryAdd, so a real
    /// adapter registered before this call is kept.
    /// </summary>
    public static IServiceCollection AddClinicIntegrations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IMyHealthRecord, NotConfiguredMyHealthRecord>();
        services.TryAddSingleton<IHealthcareIdentifiersService, NotConfiguredHealthcareIdentifiersService>();
        return services;
    }
}
