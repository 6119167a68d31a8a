using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansClinic.Archive;
using OrleansClinic.Outbox;
using OrleansClinic.Privacy;

namespace OrleansClinic.Audit;

/// <summary>Registers the audit trail, its sealer and, beside an archive store, its anchors on a silo.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="AuditOptions"/>, the trail (on PostgreSQL when <paramref name="postgresConnectionString"/>
    /// is given, else in memory over the embedded clinic's outbox and vault) and the background <see cref="AuditSealer"/>.
    /// </summary>
    public static IServiceCollection AddClinicAuditTrail(this IServiceCollection services, Action<AuditOptions> configure, string? postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AuditOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        if (postgresConnectionString is { Length: > 0 })
        {
            services.TryAddSingleton<IAuditTrail>(sp => new PostgresAuditTrail(
                NpgsqlDataSource.Create(postgresConnectionString), sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        }
        else
        {
            services.TryAddSingleton<IAuditTrail>(sp => new InMemoryAuditTrail(sp.GetService<InMemoryOutboxStore>(), sp.GetService<IPiiVault>() as InMemoryPiiVault));
        }

        services.AddHostedService<AuditSealer>();
        return services;
    }

    /// <summary>
    /// Adds the <see cref="AuditAnchorBook"/> over the registered <see cref="IArchiveStore"/> and the background
    /// <see cref="AuditNotary"/> that anchors the chain's head there every <see cref="AuditOptions.AnchorInterval"/>;
    /// <see cref="AuditDeskGrain.Verify"/> then checks the chain against those anchors. Call after
    /// <see cref="AddClinicAuditTrail"/> and after an archive store is registered.
    /// </summary>
    public static IServiceCollection AddClinicAuditAnchors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IArchiveStore)) || !services.Any(d => d.ServiceType == typeof(IAuditTrail)))
        {
            throw new InvalidOperationException("Audit anchors are kept in the archive store of the audit trail: register both first.");
        }

        services.TryAddSingleton<AuditAnchorBook>();
        services.AddHostedService<AuditNotary>();
        return services;
    }
}
