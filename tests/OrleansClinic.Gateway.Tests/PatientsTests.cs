using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// Registration, reading and correcting a patient's personal details through the PII vault: who may, what is logged,
/// and that bad input changes nothing.
/// </summary>
public sealed class PatientsTests(ClinicApi api)
{
    private static object Details(string email = "testa.fixtureson@example.test") => new
    {
        givenName = "Testa",
        familyName = "Fixtureson",
        dateOfBirth = "1984-02-29",
        email,
        phone = "+61491570156",
        medicareNumber = "2123456701",
    };

    [Fact]
    public async Task A_patient_registers_themself_and_reads_their_details_back()
    {
        var (id, patient) = await SignedInPatient();

        var created = await patient.PostIdempotent("/api/v1/patients", Details(), Key());
        var read = await patient.GetAsync($"/api/v1/patients/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(id, (await created.Body()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.Body();
        Assert.Equal("Testa", body.GetProperty("givenName").GetString());
        Assert.Equal("1984-02-29", body.GetProperty("dateOfBirth").GetString());
        Assert.Equal("+61491570156", body.GetProperty("phone").GetString());
        Assert.Equal("2123456701", body.GetProperty("medicareNumber").GetString());
    }

    [Fact]
    public async Task Registering_again_with_the_same_details_is_fine_and_with_others_is_a_409()
    {
        var (id, patient) = await SignedInPatient();
        await patient.PostIdempotent("/api/v1/patients", Details(), Key());

        var again = await patient.PostIdempotent("/api/v1/patients", Details(), Key());
        var other = await patient.PostIdempotent("/api/v1/patients", Details(email: "someone.else@example.test"), Key());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("testa.fixtureson@example.test", (await (await patient.GetAsync($"/api/v1/patients/{id}")).Body()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_receptionist_registers_a_walk_in_once_however_often_the_request_is_retried()
    {
        var desk = await api.SignIn("staff-desk-" + Guid.NewGuid().ToString("N")[..8], "receptionist");
        var key = Key();

        var first = await desk.PostIdempotent("/api/v1/patients", Details(), key);
        var retry = await desk.PostIdempotent("/api/v1/patients", Details(), key);
        var id = (await first.Body()).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(id, (await retry.Body()).GetProperty("id").GetString());
        Assert.StartsWith("p-", id, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/api/v1/patients/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_details_are_a_422_naming_each_field_and_register_nothing()
    {
        var (id, patient) = await SignedInPatient();

        var response = await patient.PostIdempotent("/api/v1/patients", new
        {
            givenName = "Testa1",
            familyName = new string('x', 101),
            dateOfBirth = "2999-01-01",
            email = "not-an-email",
            phone = "0491 570 156",
            medicareNumber = "2123456711",
            ihi = "8003601234567890",
        }, Key());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Body()).GetProperty("errors");
        foreach (var field in new[] { "givenName", "familyName", "dateOfBirth", "email", "phone", "medicareNumber", "ihi" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        Assert.DoesNotContain("not-an-email", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/v1/patients/{id}")).StatusCode);
    }

    [Fact]
    public async Task Admins_read_details_only_with_a_stated_reason_which_the_access_log_keeps()
    {
        var (id, patient) = await SignedInPatient();
        await patient.PostIdempotent("/api/v1/patients", Details(), Key());
        var admin = await api.SignIn("staff-admin-" + Guid.NewGuid().ToString("N")[..8], "admin");

        var unexplained = await admin.GetAsync($"/api/v1/patients/{id}");
        using var explained = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{id}");
        explained.Headers.Add("X-Access-Reason", "support ticket 4711");
        var read = await admin.SendAsync(explained);

        Assert.Equal(HttpStatusCode.Forbidden, unexplained.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var log = await Grain(id).DetailsAccessLog();
        Assert.Contains(log, e => e.Action == "read" && e.By.ActorRole == "admin" && e.By.Purpose == "support ticket 4711");
        Assert.DoesNotContain(log, e => e.By.ActorRole == "admin" && e.By.Purpose != "support ticket 4711");
    }

    [Fact]
    public async Task A_doctor_reads_the_details_of_their_own_patients_only()
    {
        var doctor = await api.CreateDoctor();
        var (mine, patient) = await SignedInPatient();
        await patient.PostIdempotent("/api/v1/patients", Details(), Key());
        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = mine, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 30) }, Key());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var (theirs, other) = await SignedInPatient();
        await other.PostIdempotent("/api/v1/patients", Details(), Key());
        var doctorClient = await api.SignIn(doctor, "doctor");

        Assert.Equal(HttpStatusCode.OK, (await doctorClient.GetAsync($"/api/v1/patients/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctorClient.GetAsync($"/api/v1/patients/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctorClient.GetAsync("/api/v1/patients/p-never-registered")).StatusCode);
        Assert.Contains(await Grain(mine).DetailsAccessLog(), e => e.By.ActorId == doctor && e.By.Purpose == "clinical care");
    }

    [Fact]
    public async Task A_correction_changes_the_given_fields_removes_nulled_ones_and_is_recorded_by_field_name()
    {
        var (id, patient) = await SignedInPatient();
        await patient.PostIdempotent("/api/v1/patients", Details(), Key());

        var corrected = await Patch(patient, id, """{"email": "testa.moved@example.test", "phone": null}""");
        var read = await (await patient.GetAsync($"/api/v1/patients/{id}")).Body();

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(["email", "phone"], (await corrected.Body()).GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("testa.moved@example.test", read.GetProperty("email").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("phone").ValueKind);
        Assert.Equal("Testa", read.GetProperty("givenName").GetString());
        var correction = Assert.Single(await Grain(id).DetailsAccessLog(), e => e.Action == "correct");
        Assert.Equal(["email", "phone"], correction.Fields);
    }

    [Theory]
    [InlineData("""{"email": "no-at-sign"}""", "email")]
    [InlineData("""{"givenName": null}""", "givenName")]
    [InlineData("""{"nickname": "Tes"}""", "nickname")]
    [InlineData("""{"dateOfBirth": 19840229}""", "dateOfBirth")]
    [InlineData("""[1, 2]""", "body")]
    public async Task A_bad_correction_is_a_422_and_changes_nothing(string patch, string field)
    {
        var (id, patient) = await SignedInPatient();
        await patient.PostIdempotent("/api/v1/patients", Details(), Key());

        var response = await Patch(patient, id, patch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal("testa.fixtureson@example.test", (await (await patient.GetAsync($"/api/v1/patients/{id}")).Body()).GetProperty("email").GetString());
        Assert.DoesNotContain(await Grain(id).DetailsAccessLog(), e => e.Action == "correct");
    }

    [Fact]
    public async Task Other_patients_admins_and_doctors_cannot_correct_details_and_learn_nothing_from_trying()
    {
        var (id, patient) = await SignedInPatient();
        await patient.PostIdempotent("/api/v1/patients", Details(), Key());
        var (_, stranger) = await SignedInPatient();
        var admin = await api.SignIn("staff-admin-" + Guid.NewGuid().ToString("N")[..8], "admin");
        var doctor = await api.SignIn(await api.CreateDoctor(), "doctor");
        var desk = await api.SignIn("staff-desk-" + Guid.NewGuid().ToString("N")[..8], "receptionist");

        foreach (var caller in new[] { stranger, admin, doctor })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Patch(caller, id, """{"email": "x@example.test"}""")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Patch(caller, "p-never-registered", """{"email": "x@example.test"}""")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/v1/patients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/api/v1/patients/p-never-registered")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Patch(desk, id, """{"familyName": "Fixtureson-Smith"}""")).StatusCode);
        Assert.Equal("testa.fixtureson@example.test", (await (await patient.GetAsync($"/api/v1/patients/{id}")).Body()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Doctors_admins_and_managers_do_not_register_patients()
    {
        foreach (var role in new[] { "doctor", "admin", "practice_manager" })
        {
            var caller = await api.SignIn("staff-" + role + "-" + Guid.NewGuid().ToString("N")[..8], role);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostIdempotent("/api/v1/patients", Details(), Key())).StatusCode);
        }
    }

    private async Task<(string Id, HttpClient Client)> SignedInPatient()
    {
        var id = "p-self-" + Guid.NewGuid().ToString("N")[..12];
        return (id, await api.SignIn(id, "patient"));
    }

    private IPatientGrain Grain(string id) => api.Services.GetRequiredService<IGrainFactory>().GetGrain<IPatientGrain>(id);

    private static Task<HttpResponseMessage> Patch(HttpClient client, string id, string json) =>
        client.PatchAsync($"/api/v1/patients/{id}", new StringContent(json, Encoding.UTF8, "application/merge-patch+json"));

    private static string Key() => "patients-" + Guid.NewGuid();
}
