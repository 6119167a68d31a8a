using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Outbox.Hosting;

/// <summary>Registers the outbox relay as a hosted service of a silo (or any .NET host).</summary>
public static class OutboxRelayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OutboxRelay"/> as a hosted service (and as itself, for health checks) configured by
    /// <paramref name="configure"/>, with its options validated when the host starts.
    /// </summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services, Action<OutboxRelayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OutboxRelayOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxRelayOptions>, OutboxRelayOptionsValidator>());
        services.TryAddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return services;
    }
}
