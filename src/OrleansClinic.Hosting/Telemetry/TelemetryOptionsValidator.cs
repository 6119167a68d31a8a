using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>Refuses telemetry settings that would export nowhere useful or expose metrics where they were not meant to be.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Exporter is { } exporter && !Enum.IsDefined(exporter))
        {
            failures.Add($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Exporter)} must be None, Console or Otlp.");
        }

        if (options.Otlp.Endpoint is { } endpoint && !(endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{TelemetryOptions.Section}:Otlp:Endpoint must be an absolute http:// or https:// address (was '{endpoint}').");
        }

        if (options.Otlp.Protocol is { } protocol && !Enum.IsDefined(protocol))
        {
            failures.Add($"{TelemetryOptions.Section}:Otlp:Protocol must be Grpc or HttpProtobuf.");
        }
        else if (options.Otlp.Protocol is null or OtlpExportProtocol.Grpc && options.Otlp.Endpoint is { IsAbsoluteUri: true, AbsolutePath: not "/" })
        {
            // gRPC has no path; a path here means an HTTP endpoint was meant.
            failures.Add($"{TelemetryOptions.Section}:Otlp:Endpoint has a path, which gRPC cannot use: give host and port, or set Otlp:Protocol to HttpProtobuf.");
        }

        if (options.Otlp.Headers is { Length: > 0 } headers
            && headers.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(h => h.IndexOf('=', StringComparison.Ordinal) is <= 0))
        {
            failures.Add($"{TelemetryOptions.Section}:Otlp:Headers must be key=value pairs separated by commas.");
        }

        if (double.IsNaN(options.TraceSampleRatio) || options.TraceSampleRatio is < 0 or > 1)
        {
            failures.Add($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.TraceSampleRatio)} must be between 0 and 1 (was {options.TraceSampleRatio}).");
        }

        if (options.PrometheusPort is { } port)
        {
            if (port is < 1 or > 65535)
            {
                failures.Add($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.PrometheusPort)} must be a port number, 1 to 65535 (was {port}).");
            }

            if (!options.PrometheusScraping)
            {
                failures.Add($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.PrometheusPort)} is set but {nameof(TelemetryOptions.PrometheusScraping)} is off: turn it on, or remove the port.");
            }
        }

        foreach (var (key, value) in new[]
        {
            (nameof(TelemetryOptions.ServiceName), options.ServiceName),
            (nameof(TelemetryOptions.ServiceVersion), options.ServiceVersion),
            (nameof(TelemetryOptions.Environment), options.Environment),
        })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{TelemetryOptions.Section}:{key} must not be blank; remove it to use the default.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
