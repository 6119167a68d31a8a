using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansClinic.Outbox;
using OrleansClinic.Privacy;

namespace OrleansClinic.Audit;

/// <summary>Registers the audit trail and its sealer on a silo.</summary>
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
}
