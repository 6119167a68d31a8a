using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansClinic.Archive;

namespace OrleansClinic.Tiering;

/// <summary>Registers the tiering job's services on a silo.</summary>
public static class TieringServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="TieringOptions"/> and the <see cref="AppointmentArchivist"/> over the clinic's PostgreSQL
    /// database and the registered <see cref="IArchiveStore"/> (add one first: S3 or a local directory).
    /// </summary>
    public static IServiceCollection AddClinicTiering(this IServiceCollection services, Action<TieringOptions> configure, string postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgresConnectionString);
        services.AddOptions<TieringOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TieringOptions>, TieringOptionsValidator>());
        services.TryAddSingleton(sp => new AppointmentArchivist(NpgsqlDataSource.Create(postgresConnectionString), sp.GetRequiredService<IArchiveStore>()));
        return services;
    }
}
