using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Archive;

/// <summary>Registers the embedded clinic's archive: a directory on the local disk.</summary>
public static class ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="LocalDirectoryArchiveStore"/> the <see cref="IArchiveStore"/> (replacing one registered earlier),
    /// with validated <see cref="ArchiveOptions"/> (checked at start-up), and registers <see cref="ArchiveWriter"/> and
    /// <see cref="ArchiveReader"/> over it.
    /// </summary>
    public static IServiceCollection AddLocalArchiveStore(this IServiceCollection services, Action<ArchiveOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<ArchiveOptions>().Configure(configureOptions).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IArchiveStore>(sp => new LocalDirectoryArchiveStore(
            sp.GetRequiredService<IOptions<ArchiveOptions>>().Value, sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton<ArchiveWriter>();
        services.TryAddSingleton<ArchiveReader>();
        return services;
    }
}
