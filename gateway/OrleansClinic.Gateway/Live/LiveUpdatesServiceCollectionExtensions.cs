using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Live;

/// <summary>Registers the SSE live updates: options, metrics and the stream hub.</summary>
public static class LiveUpdatesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LiveStreamHub"/> and its options, bound from <c>Clinic:Live</c> then adjusted by
    /// <paramref name="configure"/>, validated when the host starts. Needs an <see cref="IClusterClient"/> in the container.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, Action<LiveUpdatesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LiveUpdatesOptions>().BindConfiguration(LiveUpdatesOptions.Section).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveUpdatesOptions>, LiveUpdatesOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveMetrics>();
        services.TryAddSingleton<LiveStreamHub>();
        services.AddHostedService<LiveStreamHubLifetime>();
        return services;
    }
}
