using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace OrleansClinic.Privacy;

/// <summary>Registers the PII vault.</summary>
public static class PiiVaultServiceCollectionExtensions
{
    /// <summary>Service key of the vault's own <see cref="NpgsqlDataSource"/>, kept apart from any the host registers.</summary>
    public const string DataSourceKey = "OrleansClinic.Privacy";

    /// <summary>
    /// Adds <see cref="IPiiVault"/> on PostgreSQL with validated <see cref="PiiVaultOptions"/> (checked at start-up), and
    /// the <see cref="NameIndexBackfill"/> that indexes the names of records stored before the name index. A
    /// <see cref="IMasterKey"/> registered before this call (a KMS adapter) replaces the local key ring.
    /// </summary>
    public static IServiceCollection AddPiiVault(this IServiceCollection services, Action<PiiVaultOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<PiiVaultOptions>().Configure(configureOptions).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PiiVaultOptions>, PiiVaultOptionsValidator>());
        services.TryAddSingleton<IMasterKey>(sp => Options(sp) is { UseEphemeralKeys: true }
            ? LocalKeyRing.Ephemeral()
            : LocalKeyRing.FromOptions(Options(sp).KeyRing));
        services.TryAddSingleton(sp => Options(sp) is { UseEphemeralKeys: true }
            ? BlindIndex.Ephemeral()
            : new BlindIndex(Convert.FromBase64String(Options(sp).BlindIndexKey!)));
        services.TryAddKeyedSingleton(DataSourceKey, (sp, _) =>
            new NpgsqlDataSourceBuilder(Options(sp).ConnectionString).UseLoggerFactory(sp.GetService<ILoggerFactory>()).Build());
        services.TryAddSingleton<IPiiVault>(sp => new PostgresPiiVault(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
            sp.GetRequiredService<IMasterKey>(),
            sp.GetRequiredService<BlindIndex>(),
            sp.GetService<ILogger<PostgresPiiVault>>()));
        services.AddHostedService<NameIndexBackfill>();
        return services;
    }

    /// <summary>
    /// Adds the embedded clinic's <see cref="IPiiVault"/>: records sealed under keys generated at start-up and kept in
    /// process memory, so nothing outlives the process. Never for a clinic whose other state is durable.
    /// </summary>
    public static IServiceCollection AddInMemoryPiiVault(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IMasterKey>(_ => LocalKeyRing.Ephemeral());
        services.TryAddSingleton(_ => BlindIndex.Ephemeral());
        services.TryAddSingleton<IPiiVault>(sp => new InMemoryPiiVault(
            sp.GetRequiredService<IMasterKey>(), sp.GetRequiredService<BlindIndex>(), sp.GetService<IClock>() ?? SystemClock.Instance));
        return services;
    }

    private static PiiVaultOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PiiVaultOptions>>().Value;
}
