using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

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
            if (options.UsesPostgres)
            {
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClinicPostgres.Invariant, options.PostgresConnectionString));
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPort);
            }
        });
        return builder;
    }
}
