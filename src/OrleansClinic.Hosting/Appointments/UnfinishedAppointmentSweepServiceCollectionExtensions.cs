using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansClinic.Hosting.Appointments;

/// <summary>Registers the unfinished-appointment sweep on a silo whose appointments are in PostgreSQL.</summary>
public static class UnfinishedAppointmentSweepServiceCollectionExtensions
{
    /// <summary>Adds the sweep over <paramref name="postgresConnectionString"/>'s appointments, configured from <c>Clinic:AppointmentSweep</c>.</summary>
    public static IServiceCollection AddUnfinishedAppointmentSweep(this IServiceCollection services, string postgresConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(postgresConnectionString);
        services.AddOptions<UnfinishedAppointmentSweepOptions>().BindConfiguration(UnfinishedAppointmentSweepOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnfinishedAppointmentSweepOptions>, UnfinishedAppointmentSweepOptionsValidator>());
        services.TryAddSingleton(sp => new UnfinishedAppointmentSweep(
            sp.GetRequiredService<IGrainFactory>(),
            new NpgsqlDataSourceBuilder(postgresConnectionString).UseLoggerFactory(sp.GetService<ILoggerFactory>()).Build(),
            sp.GetRequiredService<IOptions<UnfinishedAppointmentSweepOptions>>(),
            sp.GetRequiredService<ILogger<UnfinishedAppointmentSweep>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<UnfinishedAppointmentSweep>());
        return services;
    }
}
