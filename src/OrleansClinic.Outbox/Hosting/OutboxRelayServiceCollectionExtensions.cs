using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Outbox.Hosting;

/// <summary>Registers the outbox relay as a hosted service of a silo (or any .NET host).</summary>
public static class OutboxRelayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OutboxRelay"/> over the PostgreSQL outbox as a hosted service (and as itself, for health checks)
    /// configured by <paramref name="configure"/>, with its options validated when the host starts.
    /// </summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services, Action<OutboxRelayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddRelay(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{nameof(OutboxRelayOptions.ConnectionString)} is required: the PostgreSQL database holding outbox.event.");
        services.TryAddSingleton<IOutboxStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OutboxRelayOptions>>().Value;
            return PostgresOutboxStore.Create(options.ConnectionString, options.LeaseName);
        });
        return services;
    }

    /// <summary>
    /// Adds <see cref="OutboxRelay"/> over an <see cref="InMemoryOutboxStore"/> (registered as itself too, for the grain
    /// storage that fills it): the embedded single-process clinic, whose state is in memory as well.
    /// </summary>
    public static IServiceCollection AddInMemoryOutboxRelay(this IServiceCollection services, Action<OutboxRelayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddRelay(configure);
        services.TryAddSingleton<InMemoryOutboxStore>();
        services.TryAddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryOutboxStore>());
        return services;
    }

    private static OptionsBuilder<OutboxRelayOptions> AddRelay(this IServiceCollection services, Action<OutboxRelayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OutboxRelayOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxRelayOptions>, OutboxRelayOptionsValidator>());
        services.TryAddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return options;
    }
}
