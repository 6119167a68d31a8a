namespace OrleansClinic.Hosting.Telemetry;

/// <summary>Where a silo or gateway sends its traces and metrics (<c>Telemetry:Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: the spans and instruments exist (dotnet-counters, dotnet-trace, Prometheus scraping still work) but nothing is exported.</summary>
    None,

    /// <summary>Printed to standard output: for a look on a developer's machine, far too much for production.</summary>
    Console,

    /// <summary>OTLP to a collector (an ADOT collector for CloudWatch and X-Ray, the Datadog Agent, any OpenTelemetry Collector).</summary>
    Otlp,
}
