using OpenTelemetry.Exporter;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>Where OTLP goes (<c>Telemetry:Otlp</c>); unset values fall back to the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
public sealed class OtlpTelemetryOptions
{
    /// <summary>
    /// The collector's base address, e.g. <c>http://localhost:4317</c> (gRPC) or <c>http://localhost:4318</c> (HTTP, the
    /// signal's path <c>/v1/traces</c> or <c>/v1/metrics</c> is added). Unset: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else localhost.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318); unset: <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else gRPC.</summary>
    public OtlpExportProtocol? Protocol { get; set; }

    /// <summary>Extra request headers, <c>key=value</c> pairs separated by commas (an API key for a hosted collector); from a secret store.</summary>
    public string? Headers { get; set; }
}
