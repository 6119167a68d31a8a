using System.Net;
using System.Net.Http.Json;

namespace OrleansClinic.Gateway.Tests;

/// <summary>Every kind of bad booking input gets a 4xx problem and books nothing.</summary>
public sealed class BadInputTests(ClinicApi api)
{
    private async Task<(HttpClient Client, string Doctor, string Patient)> Arrange()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        return (await api.SignIn(patientId, "patient"), doctor, patientId);
    }

    private static async Task AssertProblemAndNothingBooked(HttpResponseMessage response, HttpStatusCode expected, HttpClient client, string patientId)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Body();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await (await client.GetAsync($"/api/v1/patients/{patientId}/appointments")).Body();
        Assert.Empty(list.EnumerateArray());
    }

    [Theory]
    [InlineData("{\"doctorId\": ")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"doctorId\": 42, \"patientId\": true}")]
    public async Task Malformed_json_is_a_400(string json)
    {
        var (client, _, patient) = await Arrange();
        var response = await client.PostRaw("/api/v1/appointments", json, "application/json", "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.BadRequest, client, patient);
    }

    [Fact]
    public async Task Missing_fields_are_a_422_naming_each()
    {
        var (client, _, patient) = await Arrange();
        var response = await client.PostRaw("/api/v1/appointments", "{}", "application/json", "k-" + Guid.NewGuid());
        var errors = (await response.Body()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("doctorId", out _));
        Assert.True(errors.TryGetProperty("patientId", out _));
        Assert.True(errors.TryGetProperty("start", out _));
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnprocessableEntity, client, patient);
    }

    [Fact]
    public async Task An_unknown_doctor_is_a_422()
    {
        var (client, _, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = "d-nobody", patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0) }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnprocessableEntity, client, patient);
    }

    [Fact]
    public async Task A_slot_outside_availability_is_a_409()
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 14, 0) }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.Conflict, client, patient);
    }

    [Fact]
    public async Task A_weekend_slot_is_a_409()
    {
        var (client, doctor, patient) = await Arrange();
        var saturday = ClinicCalls.FutureWeekday(day: NodaTime.IsoDayOfWeek.Saturday);
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(saturday, 10, 0) }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.Conflict, client, patient);
    }

    [Fact]
    public async Task A_start_off_the_slot_grid_is_a_409()
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 10) }, "k-" + Guid.NewGuid());
        Assert.Equal("urn:orleans-clinic:problem:not-a-slot", (await response.Body()).GetProperty("type").GetString());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.Conflict, client, patient);
    }

    [Fact]
    public async Task A_past_start_is_a_422()
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = "2020-03-04T09:00:00+11:00" }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnprocessableEntity, client, patient);
    }

    [Fact]
    public async Task A_start_years_ahead_is_a_422()
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(weeksAhead: 200), 9, 0) }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnprocessableEntity, client, patient);
    }

    [Theory]
    [InlineData("tomorrow at nine")]
    [InlineData("2026-12-01T09:00:00")]
    [InlineData("2026-13-01T09:00:00+11:00")]
    public async Task A_start_that_is_not_an_instant_with_offset_is_a_422(string start)
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start }, "k-" + Guid.NewGuid());
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty("start", out _));
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnprocessableEntity, client, patient);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0), reason = new string('x', 200_000) }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.RequestEntityTooLarge, client, patient);
    }

    [Fact]
    public async Task A_too_long_reason_is_a_422()
    {
        var (client, doctor, patient) = await Arrange();
        var response = await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0), reason = new string('x', 501) }, "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnprocessableEntity, client, patient);
    }

    [Fact]
    public async Task The_wrong_content_type_is_a_415()
    {
        var (client, doctor, patient) = await Arrange();
        var json = $$"""{"doctorId":"{{doctor}}","patientId":"{{patient}}","start":"{{ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0)}}"}""";
        var response = await client.PostRaw("/api/v1/appointments", json, "text/plain", "k-" + Guid.NewGuid());
        await AssertProblemAndNothingBooked(response, HttpStatusCode.UnsupportedMediaType, client, patient);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2029-01-01T00:00:00Z")]
    [InlineData("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("yesterday", "today")]
    [InlineData(null, null)]
    public async Task Bad_slot_query_ranges_are_a_422(string? from, string? to)
    {
        var (client, doctor, _) = await Arrange();
        var query = (from is null ? "" : $"from={Uri.EscapeDataString(from)}") + (to is null ? "" : $"&to={Uri.EscapeDataString(to)}");
        var response = await client.GetAsync($"/api/v1/doctors/{doctor}/slots?{query}");
        var search = await client.GetAsync($"/api/v1/slots?{query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, search.StatusCode);
    }

    [Fact]
    public async Task Invalid_doctor_details_are_a_422_and_create_nothing()
    {
        var manager = await api.SignIn("staff-manager", "practice_manager");
        var specialty = "spec-" + Guid.NewGuid().ToString("N");
        var response = await manager.PostAsJsonAsync("/api/v1/doctors", new
        {
            name = "",
            specialty,
            locationId = "loc",
            timeZone = "Mars/Olympus_Mons",
            slotMinutes = 0,
            availability = new { weekly = new[] { new { day = "funday", start = "9am", end = "12:00" }, new { day = "monday", start = "12:00", end = "09:00" } } },
        });
        var errors = (await response.Body()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        foreach (var field in new[] { "name", "timeZone", "slotMinutes", "availability.weekly[0].day", "availability.weekly[0].start" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Empty((await (await manager.GetAsync($"/api/v1/doctors?specialty={specialty}")).Body()).EnumerateArray());
    }
}
