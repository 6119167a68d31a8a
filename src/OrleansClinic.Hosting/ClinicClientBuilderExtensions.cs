using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Streaming.Kafka.Hosting;

namespace OrleansClinic.Hosting;

/// <summary>Wires an Orleans client (a gateway that hosts no silo) into the clinic cluster.</summary>
public static class ClinicClientBuilderExtensions
{
    /// <summary>Connects this process to the clinic cluster as a client, configured from the application's configuration.</summary>
    public static IHostApplicationBuilder AddClinicClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ClinicHostOptions.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));

            // The gateway's grain calls carry its request's trace context to the silos.
            client.AddActivityPropagation();
            if (options.UsesPostgres)
            {
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClinicPostgres.Invariant, options.PostgresConnectionString));
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPort);
            }

            // An embedded Kafka lives inside one process: a separate gateway can only watch a real one.
            if (options.PublishesEvents && !options.UsesEmbeddedKafka)
            {
                client.AddKafkaStreams(ClinicEventStreams.ProviderName, streams => streams.ConfigureKafka(kafka => kafka.ForClinic(options, builder.Configuration)));
            }
        });
        return builder;
    }
}
