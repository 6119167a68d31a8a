using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres.Hosting;

/// <summary>Adds PostgreSQL storage for Orleans' own grain state (such as <c>PubSubStore</c>) to a silo.</summary>
public static class OrleansStateStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds Orleans state storage under the provider name <paramref name="name"/> (normally <c>"PubSubStore"</c>). Its
    /// table comes from the clinic migrations, so the silo also needs clinic grain storage or a prior <c>migrate</c>.
    /// </summary>
    public static ISiloBuilder AddOrleansStatePostgresStorage(this ISiloBuilder builder, string name, Action<OrleansStateStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        builder.Services.AddOrleansStatePostgresStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Registers Orleans state storage, its named options and their validator under <paramref name="name"/>.</summary>
    public static IServiceCollection AddOrleansStatePostgresStorage(this IServiceCollection services, string name, Action<OrleansStateStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<OrleansStateStorageOptions>(name).Configure(configureOptions);
        services.ConfigureNamedOptionForLogging<OrleansStateStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp =>
            new OrleansStateStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<OrleansStateStorageOptions>>().Get(name), name));
        return services.AddGrainStorage(name, Create);
    }

    private static OrleansStateStorage Create(IServiceProvider services, string name) =>
        new(
            name,
            services.GetRequiredService<IOptionsMonitor<OrleansStateStorageOptions>>().Get(name),
            services.GetRequiredService<Serializer>(),
            services.GetService<ILoggerFactory>());
}
