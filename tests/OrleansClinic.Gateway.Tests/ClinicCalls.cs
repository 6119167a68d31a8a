using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace OrleansClinic.Gateway.Tests;

/// <summary>Small helpers for calling the API the way a client would.</summary>
public static class ClinicCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>POSTs JSON with an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> PostIdempotent(this HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>POSTs raw text with a content type and an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string path, string body, string contentType, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> Body(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A weekday at least a week ahead, so its slots are bookable whatever today is.</summary>
    public static LocalDate FutureWeekday(int weeksAhead = 1, IsoDayOfWeek day = IsoDayOfWeek.Wednesday)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusWeeks(weeksAhead);
        return today.With(DateAdjusters.NextOrSame(day));
    }

    /// <summary>The instant a local date-time has in the zone, formatted as the API expects.</summary>
    public static string At(LocalDate date, int hour, int minute, string zone = "Australia/Sydney") =>
        NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Format(date.At(new LocalTime(hour, minute)).InZoneLeniently(DateTimeZoneProviders.Tzdb[zone]).ToOffsetDateTime());

    /// <summary>Creates a doctor (as a practice manager) with weekday hours 09:00–12:00 in Sydney and returns its id.</summary>
    public static async Task<string> CreateDoctor(this ClinicGatewayHost api, int slotMinutes = 15, string specialty = "general_practice", string location = "loc-test")
    {
        var manager = await api.SignIn("staff-manager", "practice_manager");
        var weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new { day = d, start = "09:00", end = "12:00" });
        var response = await manager.PostAsJsonAsync("/api/v1/doctors", new
        {
            name = "Dr Test Fixture",
            specialty,
            locationId = location,
            timeZone = "Australia/Sydney",
            slotMinutes,
            availability = new { weekly, exceptions = Array.Empty<object>() },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Body()).GetProperty("id").GetString()!;
    }
}

/// <summary>Patients made for a test, registered straight in the co-hosted cluster (sign-up is a later feature).</summary>
public static class TestPatients
{
    public static async Task<string> Register(ClinicGatewayHost api)
    {
        var id = "p-test-" + Guid.NewGuid().ToString("N")[..12];
        var grains = (IGrainFactory)api.Services.GetService(typeof(IGrainFactory))!;
        await OrleansClinic.Testing.Cluster.FictionalPatients.Register(grains, id);
        return id;
    }
}
