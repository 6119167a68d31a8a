using System.Net;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The clinic's retention follows its state and may be longer than the law, never shorter.</summary>
public sealed class RetentionSettingsTests
{
    [Fact]
    public async Task A_clinic_that_keeps_records_ten_years_schedules_the_rest_of_an_erasure_ten_years_after_the_last_service()
    {
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Clinic:Retention:State"] = "VIC",
            ["Clinic:Retention:YearsAfterLastService"] = "10",
        });
        var id = await TestPatients.Register(api);
        var day = ClinicCalls.FutureWeekday();
        var desk = await api.SignIn("staff-retention-desk", "receptionist");
        var booked = await desk.PostIdempotent("/api/v1/appointments", new { doctorId = await api.CreateDoctor(), patientId = id, start = ClinicCalls.At(day, 9, 0) }, "r-" + Guid.NewGuid());
        var seen = (await booked.Body()).GetProperty("id").GetString()!;
        (await desk.PostAsync($"/api/v1/appointments/{seen}/check-in", null)).EnsureSuccessStatusCode();
        (await desk.PostAsync($"/api/v1/appointments/{seen}/complete", null)).EnsureSuccessStatusCode();

        var response = await (await api.SignIn(id, "patient")).DeleteAsync($"/api/v1/patients/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var restOn = NodaTime.Text.LocalDatePattern.Iso.Parse((await response.Body()).GetProperty("restErasedOn").GetString()!).Value;
        Assert.InRange(restOn, day.PlusYears(10), day.PlusYears(10).PlusDays(1));
    }

    [Theory]
    [InlineData("NSW", "5", null)]
    [InlineData("ACT", null, "21")]
    [InlineData("XYZ", null, null)]
    public async Task A_retention_shorter_than_the_states_law_or_an_unknown_state_stops_the_clinic_from_starting(string state, string? years, string? age)
    {
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Clinic:Retention:State"] = state,
            ["Clinic:Retention:YearsAfterLastService"] = years,
            ["Clinic:Retention:MinorKeptUntilAge"] = age,
        });
        var refused = Assert.ThrowsAny<Exception>(() => api.Server);
        Assert.Contains(state, refused.ToString(), StringComparison.Ordinal);
    }
}
