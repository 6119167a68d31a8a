using System.Net;
using System.Net.Http.Json;

namespace OrleansClinic.Gateway.Tests;

public sealed class ConsentsTests(ClinicApi api)
{
    [Fact]
    public async Task A_patient_grants_and_withdraws_and_the_history_keeps_every_decision_with_its_policy_version()
    {
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var path = $"/api/v1/patients/{patientId}/consents";

        var before = await (await patient.GetAsync(path)).Body();
        Assert.False(before.GetProperty("current").GetProperty("sms_reminders").GetBoolean());
        Assert.Equal(0, before.GetProperty("history").GetArrayLength());

        var granted = await patient.PutAsJsonAsync($"{path}/sms_reminders", new { granted = true, policyVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patient.PutAsJsonAsync($"{path}/sms_reminders", new { granted = true, policyVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patient.PutAsJsonAsync($"{path}/sms_reminders", new { granted = false, policyVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patient.PutAsJsonAsync($"{path}/research", new { granted = true, policyVersion = 1 })).StatusCode);

        var after = await (await patient.GetAsync(path)).Body();
        Assert.False(after.GetProperty("current").GetProperty("sms_reminders").GetBoolean());
        Assert.True(after.GetProperty("current").GetProperty("research").GetBoolean());
        var history = after.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["sms_reminders:True", "sms_reminders:False", "research:True"], history.Select(h => $"{h.GetProperty("purpose").GetString()}:{h.GetProperty("granted").GetBoolean()}"));
        Assert.All(history, h => Assert.Equal(1, h.GetProperty("policyVersion").GetInt32()));
        Assert.All(history, h => Assert.Equal(patientId, h.GetProperty("recordedBy").GetString()));
    }

    [Fact]
    public async Task Staff_read_consents_but_only_the_patient_gives_them_and_nobody_reads_another_patients()
    {
        var patientId = await TestPatients.Register(api);
        var path = $"/api/v1/patients/{patientId}/consents";
        var staff = await api.SignIn("staff-consents", "receptionist");
        var other = await api.SignIn(await TestPatients.Register(api), "patient");

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync($"{path}/marketing", new { granted = true, policyVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"{path}/marketing", new { granted = true, policyVersion = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("telepathy", """{"granted": true, "policyVersion": 1}""", "purpose")]
    [InlineData("marketing", """{"policyVersion": 1}""", "granted")]
    [InlineData("marketing", """{"granted": true, "policyVersion": 999}""", "policyVersion")]
    [InlineData("marketing", """{"granted": true}""", "policyVersion")]
    public async Task A_bad_decision_is_422_naming_the_field_and_records_nothing(string purpose, string body, string field)
    {
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var response = await patient.PutAsync(
            $"/api/v1/patients/{patientId}/consents/{purpose}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, (await (await patient.GetAsync($"/api/v1/patients/{patientId}/consents")).Body()).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task An_unregistered_patient_has_no_consents_to_give()
    {
        var patient = await api.SignIn("p-never-registered", "patient");
        var response = await patient.PutAsJsonAsync("/api/v1/patients/p-never-registered/consents/marketing", new { granted = true, policyVersion = 1 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
