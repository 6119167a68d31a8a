using Microsoft.Extensions.Configuration;

namespace OrleansClinic.Hosting;

/// <summary>How a silo or gateway of the clinic is hosted, read from configuration.</summary>
public sealed class ClinicHostOptions
{
    /// <summary>Orleans cluster id shared by every silo and client of one clinic deployment.</summary>
    public string ClusterId { get; set; } = "orleans-clinic";

    /// <summary>Orleans service id; stable across deployments so reminders and state survive upgrades.</summary>
    public string ServiceId { get; set; } = "orleans-clinic";

    /// <summary>PostgreSQL connection string (<c>ConnectionStrings:Clinic</c>); when empty the clinic runs embedded, in memory.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Seeds the demo clinic at start; on by default only when embedded.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>True when state, membership and reminders live in PostgreSQL.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>Reads the options from configuration (<c>Clinic</c> section, <c>ConnectionStrings:Clinic</c>, <c>Orleans</c> ports).</summary>
    public static ClinicHostOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ClinicHostOptions { PostgresConnectionString = configuration.GetConnectionString("Clinic") };
        configuration.GetSection("Clinic").Bind(options);
        options.SeedDemoData = configuration.GetValue("Clinic:SeedDemoData", !options.UsesPostgres);
        options.SiloPort = configuration.GetValue("Orleans:SiloPort", options.SiloPort);
        options.GatewayPort = configuration.GetValue("Orleans:GatewayPort", options.GatewayPort);
        return options;
    }
}
