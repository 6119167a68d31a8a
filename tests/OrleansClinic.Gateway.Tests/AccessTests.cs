using System.Net;
using System.Net.Http.Json;

namespace OrleansClinic.Gateway.Tests;

public sealed class AccessTests(ClinicApi api)
{
    [Fact]
    public async Task Calls_without_a_token_are_401_with_a_correlation_id()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/doctors");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("X-Correlation-Id"))));
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var client = await api.SignIn("p-demo-1", "patient");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/doctors")).StatusCode);
    }

    [Fact]
    public async Task The_callers_correlation_id_is_echoed_and_a_bad_one_replaced()
    {
        var client = await api.SignIn("p-demo-1", "patient");
        using var good = new HttpRequestMessage(HttpMethod.Get, "/api/v1/doctors");
        good.Headers.Add("X-Correlation-Id", "abc-123");
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/v1/doctors");
        bad.Headers.Add("X-Correlation-Id", "evil\tvalue");

        Assert.Equal("abc-123", Assert.Single((await client.SendAsync(good)).Headers.GetValues("X-Correlation-Id")));
        Assert.NotEqual("evil\tvalue", Assert.Single((await client.SendAsync(bad)).Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task Dev_tokens_need_a_known_role()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/dev/token", new { subject = "x", roles = new[] { "superuser" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_patient_cannot_book_for_or_read_another_patient()
    {
        var doctor = await api.CreateDoctor();
        var (me, other) = (await TestPatients.Register(api), await TestPatients.Register(api));
        var staff = await api.SignIn("staff-reception", "receptionist");
        var theirs = (await (await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = other, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0) }, "b-" + Guid.NewGuid())).Body()).GetProperty("id").GetString();
        var client = await api.SignIn(me, "patient");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = other, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 15) }, "b-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/appointments/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/patients/{other}/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostIdempotent($"/api/v1/appointments/{theirs}/cancel", new { }, "c-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostIdempotent($"/api/v1/appointments/{theirs}/reschedule", new { start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 30) }, "r-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/appointments/{theirs}/check-in", null)).StatusCode);
        Assert.Equal("booked", (await (await staff.GetAsync($"/api/v1/appointments/{theirs}")).Body()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("doctor")]
    public async Task A_made_up_appointment_id_and_another_callers_answer_alike_so_ids_cannot_be_probed(string role)
    {
        var doctor = await api.CreateDoctor();
        var other = await TestPatients.Register(api);
        var staff = await api.SignIn("staff-reception", "receptionist");
        var theirs = (await (await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = other, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 10, 0) }, "b-" + Guid.NewGuid())).Body()).GetProperty("id").GetString();
        var madeUp = "a-" + Guid.NewGuid().ToString("N");
        var caller = await api.SignIn(role == "patient" ? await TestPatients.Register(api) : await api.CreateDoctor(), role);

        foreach (var id in new[] { theirs, madeUp })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync($"/api/v1/appointments/{id}")).StatusCode);
            // A body the handler would refuse is not looked at before the caller is: 403, not 422.
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostIdempotent($"/api/v1/appointments/{id}/reschedule", new { start = "not a time" }, "r-" + Guid.NewGuid())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostIdempotent($"/api/v1/appointments/{id}/cancel", new { reason = new string('x', 501) }, "c-" + Guid.NewGuid())).StatusCode);
            foreach (var step in new[] { "check-in", "complete", "no-show" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync($"/api/v1/appointments/{id}/{step}", null)).StatusCode);
            }
        }

        // Staff may know which ids exist: for them a made-up one is 404.
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/appointments/{madeUp}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostIdempotent($"/api/v1/appointments/{madeUp}/cancel", new { }, "c-" + Guid.NewGuid())).StatusCode);
        Assert.Equal("booked", (await (await staff.GetAsync($"/api/v1/appointments/{theirs}")).Body()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Doctors_see_their_own_day_only_and_patients_none()
    {
        var (mine, theirs) = (await api.CreateDoctor(), await api.CreateDoctor());
        var date = ClinicCalls.FutureWeekday().ToString("yyyy-MM-dd", null);
        var doctor = await api.SignIn(mine, "doctor");
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync($"/api/v1/doctors/{mine}/appointments?date={date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync($"/api/v1/doctors/{theirs}/appointments?date={date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignIn("p-demo-2", "patient")).GetAsync($"/api/v1/doctors/{mine}/appointments?date={date}")).StatusCode);
    }

    [Fact]
    public async Task Only_managers_create_doctors_and_only_managers_or_the_doctor_change_hours()
    {
        var doctor = await api.CreateDoctor();
        var availability = new { weekly = new[] { new { day = "monday", start = "08:00", end = "10:00" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignIn("staff-reception", "receptionist")).PostAsJsonAsync("/api/v1/doctors", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignIn("p-demo-1", "patient")).PutAsJsonAsync($"/api/v1/doctors/{doctor}/availability", availability)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignIn("d-someone-else", "doctor")).PutAsJsonAsync($"/api/v1/doctors/{doctor}/availability", availability)).StatusCode);
        var own = await (await api.SignIn(doctor, "doctor")).PutAsJsonAsync($"/api/v1/doctors/{doctor}/availability", availability);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("08:00", (await own.Body()).GetProperty("availability").GetProperty("weekly")[0].GetProperty("start").GetString());
    }
}
