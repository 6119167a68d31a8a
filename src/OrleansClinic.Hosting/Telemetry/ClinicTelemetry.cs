using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace OrleansClinic.Hosting.Telemetry;

/// <summary>
/// The one place that wires OpenTelemetry into a silo or gateway: which spans and instruments exist, the correlation id on
/// every span, sampling, the resource, and the exporters of <see cref="TelemetryOptions"/> (section <c>Telemetry</c>).
/// </summary>
public static class ClinicTelemetry
{
    /// <summary>The span attribute every span of a request carries: its correlation id (<c>X-Correlation-Id</c>).</summary>
    public const string CorrelationIdTag = "clinic.correlation_id";

    /// <summary>
    /// The clinic's own activity sources and meters, one per library, all named <c>OrleansClinic.*</c>
    /// (<c>OrleansClinic.Outbox</c>, <c>OrleansClinic.Streaming.Kafka</c>, <c>OrleansClinic.Gateway.Live</c>, ...).
    /// </summary>
    public const string ClinicSources = "OrleansClinic.*";

    // Probes and scrapes every few seconds would bury the requests that matter.
    private static readonly string[] UntracedPaths = ["/healthz", "/readyz", TelemetryOptions.PrometheusPath];

    /// <summary>
    /// Declares the clinic's tracing and metrics (ASP.NET Core, HttpClient, Orleans grain calls, Npgsql, Kafka, the
    /// clinic's own sources and meters) and starts exporting them as <c>Telemetry</c> says. With no exporter and no
    /// Prometheus scraping (the embedded default) no OpenTelemetry pipeline is built at all; a test or tool may still build
    /// one (<c>services.AddOpenTelemetry().WithTracing(...)</c>) and gets everything declared here.
    /// </summary>
    /// <param name="builder">The host.</param>
    /// <param name="serviceName">The <c>service.name</c> when neither <c>Telemetry:ServiceName</c> nor <c>OTEL_SERVICE_NAME</c> is set.</param>
    public static IHostApplicationBuilder AddClinicTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(TelemetryOptionsValidator)))
        {
            // A gateway with a co-hosted silo asks twice; one pipeline serves both.
            return builder;
        }

        var options = TelemetryOptions.From(builder.Configuration);
        var validation = new TelemetryOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryOptions), validation.Failures);
        }

        services.AddSingleton<TelemetryOptionsValidator>();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).PostConfigure<IConfiguration>((o, c) => o.Resolve(c));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        var resource = Resource(options, builder.Configuration, builder.Environment, serviceName);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .ConfigureResource(resource)
            .SetSampler(new ClinicSampler(options.TraceSampleRatio))
            .AddProcessor(new CorrelationIdProcessor())
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !UntracedPaths.Contains(http.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            .AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ClinicSources));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .ConfigureResource(resource)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddMeter("Microsoft.Orleans", "System.Runtime", ClinicSources));

        var exporter = options.EffectiveExporter;
        if (exporter != TelemetryExporter.None)
        {
            services.AddOpenTelemetry().WithTracing(tracing =>
            {
                if (exporter == TelemetryExporter.Console)
                {
                    tracing.AddConsoleExporter();
                }
                else
                {
                    tracing.AddOtlpExporter(o => Otlp(o, options.Otlp, "v1/traces"));
                }
            });
        }

        if (exporter != TelemetryExporter.None || options.PrometheusScraping)
        {
            services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                if (exporter == TelemetryExporter.Console)
                {
                    metrics.AddConsoleExporter();
                }
                else if (exporter == TelemetryExporter.Otlp)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, options.Otlp, "v1/metrics"));
                }

                if (options.PrometheusScraping)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> for Prometheus when <c>Telemetry:PrometheusScraping</c> is on (only on
    /// <c>Telemetry:PrometheusPort</c> when set). Call first in the pipeline: the scrape needs no authentication,
    /// correlation id or idempotency, and gets none. It carries instruments only, tagged by topic, channel or route
    /// template, never by person.
    /// </summary>
    public static IApplicationBuilder UseClinicTelemetry(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.PrometheusScraping)
        {
            return app;
        }

        var port = options.PrometheusPort;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path.Equals(TelemetryOptions.PrometheusPath, StringComparison.OrdinalIgnoreCase)
            && (port is null || http.Connection.LocalPort == port));
    }

    private static Action<ResourceBuilder> Resource(TelemetryOptions options, IConfiguration configuration, IHostEnvironment environment, string serviceName)
    {
        var name = options.ServiceName ?? (configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } fromEnvironment ? fromEnvironment : serviceName);
        var version = options.ServiceVersion
            ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var deployment = options.Environment ?? environment.EnvironmentName;
        return resource => resource
            .AddService(name, serviceVersion: version)
            .AddAttributes([new KeyValuePair<string, object>("deployment.environment.name", deployment)]);
    }

    private static void Otlp(OtlpExporterOptions exporter, OtlpTelemetryOptions otlp, string signalPath)
    {
        if (otlp.Protocol is { } protocol)
        {
            exporter.Protocol = protocol;
        }

        if (otlp.Endpoint is { } endpoint)
        {
            // Over HTTP the SDK posts to the address as given; the standard variable's base address gets the signal's path.
            exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
                ? new UriBuilder(endpoint) { Path = endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath }.Uri
                : endpoint;
        }

        if (otlp.Headers is { Length: > 0 } headers)
        {
            exporter.Headers = headers;
        }
    }
}
