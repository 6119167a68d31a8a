using System.Net;

namespace OrleansClinic.Gateway.Tests.Telemetry;

/// <summary><c>/metrics</c>: served without sign-in when asked for, only on its own port when one is set, and never naming anyone.</summary>
public sealed class PrometheusEndpointTests(ClinicApi embeddedDefault)
{
    [Fact]
    public async Task When_enabled_metrics_are_scraped_without_a_token_and_name_no_patient_or_doctor()
    {
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?> { ["Telemetry:PrometheusScraping"] = "true" });
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var staff = await api.SignIn("staff-prometheus", "receptionist");
        var booked = await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 10, 0) }, "prom-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var scrape = await api.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("clinic_bookings", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.DoesNotContain(patientId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(doctor, text, StringComparison.Ordinal);
        Assert.DoesNotContain((await booked.Body()).GetProperty("id").GetString()!, text, StringComparison.Ordinal);
        Assert.False(scrape.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Off_by_default_and_with_a_port_of_its_own_the_main_port_does_not_serve_it()
    {
        await using var dedicated = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Telemetry:PrometheusScraping"] = "true",
            ["Telemetry:PrometheusPort"] = "9464",
        });
        foreach (var api in new ClinicGatewayHost[] { dedicated, embeddedDefault })
        {
            var scrape = await api.CreateClient().GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.Unauthorized, scrape.StatusCode);
            Assert.DoesNotContain("clinic_", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
