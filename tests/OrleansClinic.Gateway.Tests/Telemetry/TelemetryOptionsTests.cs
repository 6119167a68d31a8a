using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using OrleansClinic.Hosting.Telemetry;

namespace OrleansClinic.Gateway.Tests.Telemetry;

/// <summary>The <c>Telemetry</c> section: its defaults, and the settings a silo or gateway refuses to start with.</summary>
public sealed class TelemetryOptionsTests
{
    [Fact]
    public void Nothing_is_exported_by_default_and_a_collector_address_turns_otlp_on_unless_an_exporter_is_named()
    {
        Assert.Equal(TelemetryExporter.None, From([]).EffectiveExporter);
        Assert.Equal(TelemetryExporter.Otlp, From(new() { ["Telemetry:Otlp:Endpoint"] = "http://localhost:4317" }).EffectiveExporter);
        Assert.Equal(TelemetryExporter.Otlp, From(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://adot:4317" }).EffectiveExporter);
        Assert.Equal(TelemetryExporter.Console, From(new() { ["Telemetry:Exporter"] = "Console", ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://adot:4317" }).EffectiveExporter);
        Assert.Equal(TelemetryExporter.None, From(new() { ["Telemetry:Exporter"] = "None", ["Telemetry:Otlp:Endpoint"] = "http://localhost:4317" }).EffectiveExporter);
    }

    [Fact]
    public void Sensible_settings_pass()
    {
        var options = From(new()
        {
            ["Telemetry:Exporter"] = "Otlp",
            ["Telemetry:Otlp:Endpoint"] = "http://adot-collector.observability:4318",
            ["Telemetry:Otlp:Protocol"] = "HttpProtobuf",
            ["Telemetry:Otlp:Headers"] = "dd-api-key=x,team=clinic",
            ["Telemetry:PrometheusScraping"] = "true",
            ["Telemetry:PrometheusPort"] = "9464",
            ["Telemetry:ServiceName"] = "clinic-gateway",
            ["Telemetry:TraceSampleRatio"] = "0.25",
        });

        Assert.True(new TelemetryOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Otlp.Protocol);
    }

    [Theory]
    [InlineData("Telemetry:TraceSampleRatio", "1.5", "TraceSampleRatio")]
    [InlineData("Telemetry:TraceSampleRatio", "-0.1", "TraceSampleRatio")]
    [InlineData("Telemetry:Otlp:Endpoint", "ftp://collector:4317", "Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Endpoint", "localhost:4317", "Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Endpoint", "http://collector:4317/v1/traces", "gRPC")]
    [InlineData("Telemetry:Otlp:Headers", "just-a-key", "Otlp:Headers")]
    [InlineData("Telemetry:PrometheusPort", "9464", "PrometheusScraping is off")]
    [InlineData("Telemetry:ServiceName", " ", "ServiceName")]
    public void Bad_settings_are_refused_naming_the_setting(string key, string value, string named)
    {
        var result = new TelemetryOptionsValidator().Validate(null, From(new() { [key] = value }));

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_out_of_range_is_refused()
    {
        var result = new TelemetryOptionsValidator().Validate(null, From(new() { ["Telemetry:PrometheusScraping"] = "true", ["Telemetry:PrometheusPort"] = "70000" }));

        Assert.True(result.Failed);
        Assert.Contains("PrometheusPort must be a port number", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_with_bad_telemetry_settings_does_not_start()
    {
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?> { ["Telemetry:TraceSampleRatio"] = "2" });

        var refused = Assert.ThrowsAny<Exception>(() => api.Server);

        Assert.Contains("TraceSampleRatio must be between 0 and 1", refused.ToString(), StringComparison.Ordinal);
    }

    private static TelemetryOptions From(Dictionary<string, string?> settings) =>
        TelemetryOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
