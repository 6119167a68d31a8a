using Microsoft.Extensions.Configuration;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>
/// How a silo or gateway reports traces and metrics (section <c>Telemetry</c>). By default nothing is exported (the
/// embedded clinic stays quiet), or OTLP when a collector's address is configured.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Telemetry";

    /// <summary>The path Prometheus scrapes.</summary>
    public const string PrometheusPath = "/metrics";

    /// <summary>
    /// <c>None</c>, <c>Console</c> or <c>Otlp</c>. Unset: <c>Otlp</c> when <c>Telemetry:Otlp:Endpoint</c> or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, else <c>None</c>.
    /// </summary>
    public TelemetryExporter? Exporter { get; set; }

    /// <summary>The OTLP collector, when <see cref="Exporter"/> is <c>Otlp</c>.</summary>
    public OtlpTelemetryOptions Otlp { get; } = new();

    /// <summary>Serves the metrics at <c>/metrics</c> in Prometheus' text format, without authentication; off by default.</summary>
    public bool PrometheusScraping { get; set; }

    /// <summary>
    /// When set, <c>/metrics</c> answers only on this local port (add it to <c>ASPNETCORE_HTTP_PORTS</c>), so a public
    /// load balancer in front of the main port never exposes it.
    /// </summary>
    public int? PrometheusPort { get; set; }

    /// <summary>The <c>service.name</c> resource attribute; unset: <c>OTEL_SERVICE_NAME</c>, else the host's own name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The <c>service.version</c> resource attribute; unset: the host assembly's informational version.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary>The <c>deployment.environment.name</c> resource attribute; unset: the host's environment name.</summary>
    public string? Environment { get; set; }

    /// <summary>
    /// The share of traces kept (0 to 1, default 1), decided where a trace starts; every later span follows that decision,
    /// across grain calls and Kafka.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>What is exported, after the defaults above.</summary>
    public TelemetryExporter EffectiveExporter { get; private set; }

    /// <summary>Reads the <c>Telemetry</c> section and resolves the default exporter.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TelemetryOptions();
        configuration.GetSection(Section).Bind(options);
        options.Resolve(configuration);
        return options;
    }

    /// <summary>Settles <see cref="EffectiveExporter"/>: the configured one, else OTLP when a collector address is known.</summary>
    public void Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        EffectiveExporter = Exporter
            ?? (Otlp.Endpoint is not null || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? TelemetryExporter.Otlp : TelemetryExporter.None);
    }
}
