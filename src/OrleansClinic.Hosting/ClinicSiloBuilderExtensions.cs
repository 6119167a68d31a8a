using OrleansClinic.Privacy.AwsKms;
using System.Net;
using OrleansClinic.Hosting.Appointments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Appointments;
using OrleansClinic.Grains.Schedules;
using Microsoft.Extensions.Options;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Hosting.StartupTasks;
using OrleansClinic.Hosting.Telemetry;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Persistence.Postgres.Hosting;
using OrleansClinic.Privacy;

namespace OrleansClinic.Hosting;

/// <summary>Wires a clinic silo: clustering, reminders, grain storage and clinic services, embedded or on PostgreSQL.</summary>
public static class ClinicSiloBuilderExtensions
{
    /// <summary>Hosts a clinic silo in this process, configured from the application's configuration.</summary>
    public static IHostApplicationBuilder AddClinicSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ClinicHostOptions.From(builder.Configuration);
        builder.UseOrleans(silo => silo.ConfigureClinicSilo(options).AddClinicEvents(options, builder.Configuration).AddClinicRecords(options, builder.Configuration));
        return builder;
    }

    /// <summary>Configures a silo as a member of the clinic cluster described by <paramref name="options"/>.</summary>
    public static ISiloBuilder ConfigureClinicSilo(this ISiloBuilder silo, ClinicHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        if (options.UsesPostgres)
        {
            if (options.RunsInKubernetes)
            {
                // The pod's address is advertised to peers and clients and every interface listens; Kubernetes hosting
                // names the silo after its pod and declares a silo dead as soon as its pod is deleted (deploy/k8s grants
                // it exactly that: no pod deletion).
                var address = IPAddress.Parse(options.KubernetesPodIp ?? throw new InvalidOperationException("POD_IP must be set for a silo in Kubernetes (the downward API's status.podIP)."));
                silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true).UseKubernetesHosting();
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            }

            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClinicPostgres.Invariant, options.PostgresConnectionString));
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
        }

        return silo.AddClinicGrains(options);
    }

    /// <summary>
    /// Adds the clinic's grains and what they need, whatever the clustering: grain storage and reminders (PostgreSQL or
    /// in memory), the clock and booking policy, trace context and the correlation id's log scope through grain calls, and
    /// the demo seed when asked for.
    /// </summary>
    public static ISiloBuilder AddClinicGrains(this ISiloBuilder silo, ClinicHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesPostgres)
        {
            var connectionString = options.PostgresConnectionString!;
            silo.AddClinicPostgresGrainStorage(ClinicStorage.ProviderName, o => o.ConnectionString = connectionString)
                .UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (ClinicPostgres.Invariant, connectionString));
            silo.Services.AddUnfinishedAppointmentSweep(connectionString);
            if (options.Vault.MasterKey == PiiVaultOptions.AwsKmsMasterKey)
            {
                silo.Services.AddAwsKmsMasterKey(options.Kms.CopyTo);
            }

            silo.Services.AddPiiVault(options.Vault.CopyTo);
        }
        else
        {
            silo.AddMemoryGrainStorage(ClinicStorage.ProviderName, o => o.GrainStorageSerializer = new ClinicStateStorageSerializer())
                .UseInMemoryReminderService();
        }

        silo.Services.AddClinicGrainServices();

        // Grain calls become spans of the caller's trace (Microsoft.Orleans.Application/Runtime), free while nobody listens,
        // and what grains log carries the request's correlation id.
        silo.AddActivityPropagation().AddIncomingGrainCallFilter<CorrelationIdLogScope>();
        if (options.SeedDemoData)
        {
            silo.AddStartupTask<DemoClinicSeeder>();
        }

        return silo;
    }

    /// <summary>
    /// The services clinic grains depend on: the clock, the booking policy, the booking metrics, the search's
    /// availability options, and the PII vault (in memory unless a durable one was added first).
    /// </summary>
    public static IServiceCollection AddClinicGrainServices(this IServiceCollection services)
    {
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddMetrics();
        services.TryAddSingleton<BookingMetrics>();
        services.AddSingleton(BookingPolicy.Default);
        services.TryAddSingleton(RetentionRule.Default);
        services.AddOptions<ClinicDayAvailabilityOptions>().BindConfiguration(ClinicDayAvailabilityOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClinicDayAvailabilityOptions>, ClinicDayAvailabilityOptionsValidator>());
        services.AddInMemoryPiiVault();
        return services;
    }
}
