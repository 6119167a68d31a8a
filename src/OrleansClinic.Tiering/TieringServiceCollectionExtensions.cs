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
    /// Adds validated <see cref="TieringOptions"/>, the <see cref="TieringMetrics"/>, the <see cref="AppointmentArchivist"/>, the <see cref="AppointmentPurger"/>, the <see cref="RetentionCandidates"/>, the <see cref="OutboxHousekeeper"/> and the
    /// <see cref="ArchivedAppointmentReader"/> over the clinic's PostgreSQL database and the registered <see cref="IArchiveStore"/> (add one first: S3 or a local directory).
    /// </summary>
    public static IServiceCollection AddClinicTiering(this IServiceCollection services, Action<TieringOptions> configure, string postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgresConnectionString);
        services.AddOptions<TieringOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TieringOptions>, TieringOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<TieringMetrics>();
        services.TryAddKeyedSingleton(nameof(TieringServiceCollectionExtensions), (_, _) => NpgsqlDataSource.Create(postgresConnectionString));
        services.TryAddSingleton(sp => new AppointmentArchivist(Database(sp), sp.GetRequiredService<IArchiveStore>()));
        services.TryAddSingleton(sp => new AppointmentPurger(Database(sp), sp.GetRequiredService<IArchiveStore>()));
        services.TryAddSingleton(sp => new RetentionCandidates(Database(sp)));
        services.TryAddSingleton(sp => new OutboxHousekeeper(Database(sp)));
        services.TryAddSingleton(sp => new ArchivedAppointmentReader(Database(sp), sp.GetRequiredService<IArchiveStore>()));
        return services;
    }

    private static NpgsqlDataSource Database(IServiceProvider services) => services.GetRequiredKeyedService<NpgsqlDataSource>(nameof(TieringServiceCollectionExtensions));
}
