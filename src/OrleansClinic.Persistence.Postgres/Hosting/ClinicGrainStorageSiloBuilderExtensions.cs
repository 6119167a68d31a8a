using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres.Hosting;

/// <summary>Adds the clinic's PostgreSQL grain storage to a silo.</summary>
public static class ClinicGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds clinic grain storage as the silo's default grain storage.</summary>
    public static ISiloBuilder AddClinicPostgresGrainStorageAsDefault(this ISiloBuilder builder, Action<ClinicStorageOptions> configureOptions) =>
        builder.AddClinicPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds clinic grain storage under the provider name <paramref name="name"/> (normally <c>ClinicStorage.ProviderName</c>).</summary>
    public static ISiloBuilder AddClinicPostgresGrainStorage(this ISiloBuilder builder, string name, Action<ClinicStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        builder.Services.AddClinicPostgresGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Registers clinic grain storage, its named options and their validator under <paramref name="name"/>.</summary>
    public static IServiceCollection AddClinicPostgresGrainStorage(this IServiceCollection services, string name, Action<ClinicStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<ClinicStorageOptions>(name).Configure(configureOptions);
        services.ConfigureNamedOptionForLogging<ClinicStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp =>
            new ClinicStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<ClinicStorageOptions>>().Get(name), name));
        return services.AddGrainStorage(name, Create);
    }

    private static ClinicGrainStorage Create(IServiceProvider services, string name) =>
        new(name, services.GetRequiredService<IOptionsMonitor<ClinicStorageOptions>>().Get(name), services.GetService<ILoggerFactory>());
}
