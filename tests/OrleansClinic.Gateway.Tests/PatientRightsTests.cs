using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Privacy;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// A patient's copy of everything held about them (APP 12) and their erasure request (APP 11): what goes now, what
/// waits for retention, what is cancelled and registered, and who may ask.
/// </summary>
public sealed class PatientRightsTests(ClinicApi api)
{
    private static readonly object Details = new
    {
        givenName = "Rita",
        familyName = "Rightsworth",
        dateOfBirth = "1979-07-07",
        email = "rita.rightsworth@example.test",
        phone = "+61491570157",
    };

    [Fact]
    public async Task The_export_holds_details_appointments_consents_and_who_read_the_details()
    {
        var (id, patient) = await RegisteredPatient();
        var doctor = await api.CreateDoctor();
        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 10, 0) }, Key());
        booked.EnsureSuccessStatusCode();
        (await patient.PutAsJsonAsync($"/api/v1/patients/{id}/consents/sms_reminders", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        var desk = await api.SignIn("staff-rights-desk", "receptionist");
        (await desk.GetAsync($"/api/v1/patients/{id}")).EnsureSuccessStatusCode();

        var response = await patient.GetAsync($"/api/v1/patients/{id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var export = await response.Body();
        Assert.Equal(id, export.GetProperty("patientId").GetString());
        Assert.Equal("Rightsworth", export.GetProperty("personalDetails").GetProperty("familyName").GetString());
        Assert.Equal(doctor, Assert.Single(export.GetProperty("appointments").EnumerateArray()).GetProperty("doctorId").GetString());
        Assert.True(export.GetProperty("consents").GetProperty("current").GetProperty("sms_reminders").GetBoolean());
        var log = export.GetProperty("detailsAccessLog").EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorRole").GetString(), e.GetProperty("purpose").GetString())).ToList();
        Assert.Equal(("store", "patient", "registration"), log[0]);
        Assert.Contains(("read", "receptionist", "front desk"), log);
        // The export's own read is the last entry: the copy says it was made.
        Assert.Equal(("read", "patient", "access request (APP 12)"), log[^1]);
    }

    [Fact]
    public async Task Only_the_patient_exports_their_record()
    {
        var (id, _) = await RegisteredPatient();
        var (_, other) = await RegisteredPatient();
        foreach (var caller in new[] { other, await api.SignIn("staff-rights-desk", "receptionist"), await api.SignIn("staff-rights-admin", "admin"), await api.SignIn("d-rights", "doctor") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync($"/api/v1/patients/{id}/export")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync($"/api/v1/patients/{id}/export")).StatusCode);
    }

    [Fact]
    public async Task A_patient_never_seen_is_erased_whole_upcoming_visits_cancelled_consents_withdrawn_and_each_deletion_registered()
    {
        var (id, patient) = await RegisteredPatient();
        var doctor = await api.CreateDoctor();
        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 11, 0) }, Key());
        var appointment = (await booked.Body()).GetProperty("id").GetString()!;
        (await patient.PutAsJsonAsync($"/api/v1/patients/{id}/consents/marketing", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();

        var response = await patient.DeleteAsync($"/api/v1/patients/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Body();
        Assert.True(outcome.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, outcome.GetProperty("restErasedOn").ValueKind);
        Assert.Equal(["givenNames", "familyName", "dateOfBirth", "email", "phone"], outcome.GetProperty("erasedNow").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([appointment], outcome.GetProperty("cancelledAppointments").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal("cancelled", (await (await patient.GetAsync($"/api/v1/appointments/{appointment}")).Body()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/v1/patients/{id}")).StatusCode);
        Assert.False((await (await patient.GetAsync($"/api/v1/patients/{id}/consents")).Body()).GetProperty("current").GetProperty("marketing").GetBoolean());
        var register = await Vault().DeletionsAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(("personal_details", "hot", "erasure request"), (Assert.Single(register).DataType, register[0].Tier, register[0].Reason));

        // Nothing new is booked for them, and asking again finds the work done.
        var rebook = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 11, 30) }, Key());
        Assert.False(rebook.IsSuccessStatusCode);
        var again = await patient.DeleteAsync($"/api/v1/patients/{id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty((await again.Body()).GetProperty("erasedNow").EnumerateArray());
        Assert.Single(await Vault().DeletionsAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_patient_with_a_health_record_loses_contact_details_now_and_the_rest_is_scheduled_seven_years_on()
    {
        var (id, patient) = await RegisteredPatient();
        var doctor = await api.CreateDoctor();
        var day = ClinicCalls.FutureWeekday();
        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(day, 9, 0) }, Key());
        var seen = (await booked.Body()).GetProperty("id").GetString()!;
        var desk = await api.SignIn("staff-rights-desk", "receptionist");
        (await desk.PostAsync($"/api/v1/appointments/{seen}/check-in", null)).EnsureSuccessStatusCode();
        (await desk.PostAsync($"/api/v1/appointments/{seen}/complete", null)).EnsureSuccessStatusCode();

        var response = await patient.DeleteAsync($"/api/v1/patients/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outcome = await response.Body();
        Assert.False(outcome.GetProperty("complete").GetBoolean());
        Assert.Equal(["email", "phone"], outcome.GetProperty("erasedNow").EnumerateArray().Select(e => e.GetString()));
        // The service was in Sydney; its date on the latest calendar is the same day or the next, never earlier.
        var restOn = NodaTime.Text.LocalDatePattern.Iso.Parse(outcome.GetProperty("restErasedOn").GetString()!).Value;
        Assert.InRange(restOn, day.PlusYears(7), day.PlusYears(7).PlusDays(1));
        Assert.Empty(outcome.GetProperty("cancelledAppointments").EnumerateArray());

        var kept = await (await desk.GetAsync($"/api/v1/patients/{id}")).Body();
        Assert.Equal("Rightsworth", kept.GetProperty("familyName").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("phone").ValueKind);
        Assert.Equal(["personal_details.email", "personal_details.phone"], (await Vault().DeletionsAsync(id, TestContext.Current.CancellationToken)).Select(r => r.DataType));
        Assert.Equal("completed", (await (await desk.GetAsync($"/api/v1/appointments/{seen}")).Body()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_patient_or_an_admin_with_a_stated_reason_may_erase()
    {
        var (id, _) = await RegisteredPatient();
        var (_, other) = await RegisteredPatient();
        var admin = await api.SignIn("staff-rights-admin", "admin");
        foreach (var caller in new[] { other, await api.SignIn("staff-rights-desk", "receptionist"), await api.SignIn("staff-rights-manager", "practice_manager"), await api.SignIn("d-rights", "doctor"), admin })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.DeleteAsync($"/api/v1/patients/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().DeleteAsync($"/api/v1/patients/{id}")).StatusCode);
        Assert.Empty(await Vault().DeletionsAsync(id, TestContext.Current.CancellationToken));

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/patients/{id}");
        request.Headers.Add("X-Access-Reason", "written request received at the front desk, ticket 7");
        var erased = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal("written request received at the front desk, ticket 7", Assert.Single(await Vault().DeletionsAsync(id, TestContext.Current.CancellationToken)).Reason);
    }

    [Fact]
    public async Task Erasing_an_unknown_patient_is_404_and_registers_nothing()
    {
        var id = "p-nobody-" + Guid.NewGuid().ToString("N")[..12];
        var patient = await api.SignIn(id, "patient");
        Assert.Equal(HttpStatusCode.NotFound, (await patient.DeleteAsync($"/api/v1/patients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/v1/patients/{id}/export")).StatusCode);
        Assert.Empty(await Vault().DeletionsAsync(id, TestContext.Current.CancellationToken));
    }

    private async Task<(string Id, HttpClient Client)> RegisteredPatient()
    {
        var id = "p-rights-" + Guid.NewGuid().ToString("N")[..12];
        var client = await api.SignIn(id, "patient");
        (await client.PostIdempotent("/api/v1/patients", Details, Key())).EnsureSuccessStatusCode();
        return (id, client);
    }

    private IPiiVault Vault() => api.Services.GetRequiredService<IPiiVault>();

    private static string Key() => "rights-" + Guid.NewGuid();
}
