using System.Net;
using OrleansClinic.Gateway.Http;

namespace OrleansClinic.Gateway.Tests.Live;

/// <summary>Who may open which live stream, and the requests refused before any subscription is made.</summary>
public sealed class LiveEndpointsTests(ClinicApi api)
{
    [Theory]
    [InlineData("/api/v1/clinic/events")]
    [InlineData("/api/v1/doctors/d-any/schedule/events")]
    [InlineData("/api/v1/patients/p-demo-1/appointments/events")]
    public async Task Anonymous_callers_are_401(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_patient_cannot_watch_another_patients_appointments()
    {
        var patient = await api.SignIn("p-demo-1", "patient");
        var response = await patient.GetAsync("/api/v1/patients/p-demo-2/appointments/events");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Problems.TypeFor("forbidden"), (await response.Body()).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("doctor")]
    public async Task Only_staff_watch_the_whole_clinic(string role)
    {
        var caller = await api.SignIn("someone-" + role, role);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/api/v1/clinic/events")).StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData(" 7")]
    [InlineData("99999999999999999999")]
    public async Task A_malformed_last_event_id_header_is_400(string lastEventId)
    {
        var staff = await api.SignIn("staff-reception", "receptionist");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clinic/events");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        var response = await staff.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Problems.TypeFor("last-event-id"), (await response.Body()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_malformed_last_event_id_query_parameter_is_400_on_every_stream()
    {
        var staff = await api.SignIn("staff-reception", "receptionist");
        foreach (var path in new[] { "/api/v1/clinic/events", "/api/v1/doctors/d-any/schedule/events", "/api/v1/patients/p-demo-1/appointments/events" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync(path + "?lastEventId=x")).StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_doctors_and_patients_are_404()
    {
        var staff = await api.SignIn("staff-reception", "receptionist");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/v1/doctors/d-nobody/schedule/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/v1/patients/p-nobody/appointments/events")).StatusCode);
    }
}
