using System.Net;

namespace OrleansClinic.Gateway.Tests;

public sealed class ClinicTests(ClinicApi api)
{
    [Fact]
    public async Task Health_and_readiness_answer_without_a_token()
    {
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task The_demo_clinic_has_doctors_in_two_specialties_at_two_locations()
    {
        var client = await api.SignIn("p-demo-1", "patient");
        var doctors = (await (await client.GetAsync("/api/v1/doctors")).Body()).EnumerateArray().Where(d => d.GetProperty("id").GetString()!.StartsWith("d-demo", StringComparison.Ordinal) || d.GetProperty("name").GetString()!.StartsWith("Dr Demo", StringComparison.Ordinal)).ToList();
        Assert.True(doctors.Count >= 3);
        Assert.True(doctors.Select(d => d.GetProperty("specialty").GetString()).Distinct().Count() >= 2);
        Assert.True(doctors.Select(d => d.GetProperty("locationId").GetString()).Distinct().Count() >= 2);
        var gps = (await (await client.GetAsync("/api/v1/doctors?specialty=general_practice&locationId=loc-sydney-cbd")).Body()).EnumerateArray().ToList();
        Assert.All(gps, d => Assert.Equal("loc-sydney-cbd", d.GetProperty("locationId").GetString()));
        Assert.NotEmpty(gps);
    }

    [Fact]
    public async Task Slot_search_finds_free_slots_across_doctors_of_a_specialty()
    {
        var client = await api.SignIn("p-demo-1", "patient");
        var day = ClinicCalls.FutureWeekday(weeksAhead: 2);
        var from = Uri.EscapeDataString(ClinicCalls.At(day, 0, 0, "Australia/Adelaide"));
        var to = Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0, "Australia/Adelaide"));
        var slots = (await (await client.GetAsync($"/api/v1/slots?specialty=dermatology&locationId=loc-adelaide&from={from}&to={to}")).Body()).EnumerateArray().ToList();
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal("d-quandong", s.GetProperty("doctorId").GetString()));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.GetProperty("end").GetDateTimeOffset() - s.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal("Australia/Adelaide", slots[0].GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_booking_api()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Body();
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/appointments", "/api/v1/appointments/{id}/reschedule", "/api/v1/doctors/{id}/slots", "/api/v1/slots", "/dev/token" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
