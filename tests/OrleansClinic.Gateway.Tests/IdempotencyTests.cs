using System.Net;

namespace OrleansClinic.Gateway.Tests;

public sealed class IdempotencyTests(ClinicApi api)
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_original_response()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var body = new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 11, 0) };
        var key = "retry-" + Guid.NewGuid();

        var first = await patient.PostIdempotent("/api/v1/appointments", body, key);
        var second = await patient.PostIdempotent("/api/v1/appointments", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        var list = await (await patient.GetAsync($"/api/v1/patients/{patientId}/appointments")).Body();
        Assert.Single(list.EnumerateArray());
    }

    [Fact]
    public async Task A_refusal_is_replayed_too()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var body = new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 13, 0) };
        var key = "refused-" + Guid.NewGuid();

        var first = await patient.PostIdempotent("/api/v1/appointments", body, key);
        var second = await patient.PostIdempotent("/api/v1/appointments", body, key);

        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422_and_books_nothing()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var day = ClinicCalls.FutureWeekday();
        var key = "reuse-" + Guid.NewGuid();
        await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(day, 9, 0) }, key);

        var reused = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(day, 9, 45) }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType!.MediaType);
        var list = await (await patient.GetAsync($"/api/v1/patients/{patientId}/appointments")).Body();
        Assert.Single(list.EnumerateArray());
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var doctor = await api.CreateDoctor();
        var (p1, p2) = (await TestPatients.Register(api), await TestPatients.Register(api));
        var day = ClinicCalls.FutureWeekday();
        var key = "shared-" + Guid.NewGuid();

        var first = await (await api.SignIn(p1, "patient")).PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = p1, start = ClinicCalls.At(day, 9, 0) }, key);
        var second = await (await api.SignIn(p2, "patient")).PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = p2, start = ClinicCalls.At(day, 9, 15) }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    public async Task A_missing_or_malformed_key_is_a_400(string? key)
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var json = $$"""{"doctorId":"{{doctor}}","patientId":"{{patientId}}","start":"{{ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0)}}"}""";

        var response = await patient.PostRaw("/api/v1/appointments", json, "application/json", key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:orleans-clinic:problem:idempotency-key", (await response.Body()).GetProperty("type").GetString());
        Assert.Empty((await (await patient.GetAsync($"/api/v1/patients/{patientId}/appointments")).Body()).EnumerateArray());
    }

    [Fact]
    public async Task An_over_long_key_is_a_400()
    {
        var patient = await api.SignIn("p-demo-1", "patient");
        var response = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = "d-wattle", patientId = "p-demo-1", start = "2030-01-01T09:00:00+11:00" }, new string('k', 256));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
