using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The front desk finds a patient by email or phone through the blind indexes; each match is logged.</summary>
public sealed class PatientSearchTests(ClinicApi api)
{
    [Fact]
    public async Task The_front_desk_finds_a_patient_by_email_in_any_case_or_phone_in_any_form_and_the_lookup_is_logged()
    {
        var desk = await api.SignIn("staff-search-desk", "receptionist");
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"searchable.{tag}@example.test";
        var registered = await desk.PostIdempotent("/api/v1/patients", new { givenName = "Serena", familyName = "Searchfield", dateOfBirth = "1991-09-09", email, phone = "+61491572549" }, "search-" + Guid.NewGuid());
        var id = (await registered.Body()).GetProperty("id").GetString()!;

        var byEmail = await desk.PostAsJsonAsync("/api/v1/patients/search", new { email = "  " + email.ToUpperInvariant() + " " });
        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        Assert.Equal([id], (await byEmail.Body()).GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var manager = await api.SignIn("staff-search-manager", "practice_manager");
        var byPhone = await manager.PostAsJsonAsync("/api/v1/patients/search", new { phone = "0491 572 549" });
        Assert.Contains(id, (await byPhone.Body()).GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var none = await desk.PostAsJsonAsync("/api/v1/patients/search", new { email = $"nobody.{tag}@example.test" });
        Assert.Empty((await none.Body()).GetProperty("patients").EnumerateArray());

        var log = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IPatientGrain>(id).DetailsAccessLog();
        var lookups = log.Where(e => e.Action == "lookup").ToList();
        Assert.Equal([("staff-search-desk", "email"), ("staff-search-manager", "phone")], lookups.Select(e => (e.By.ActorId, Assert.Single(e.Fields))));
        Assert.All(lookups, e => Assert.Equal("front desk lookup", e.By.Purpose));
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("doctor")]
    [InlineData("admin")]
    public async Task Patients_doctors_and_admins_do_not_search(string role)
    {
        var caller = await api.SignIn("search-" + role + "-" + Guid.NewGuid().ToString("N")[..8], role);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsJsonAsync("/api/v1/patients/search", new { email = "demo-1@example.test" })).StatusCode);
    }

    [Theory]
    [InlineData(null, null, "email")]
    [InlineData("demo-1@example.test", "+61491570006", "email")]
    [InlineData("no-at-sign", null, "email")]
    [InlineData(null, "12345", "phone")]
    public async Task A_search_needs_exactly_one_well_formed_contact(string? email, string? phone, string field)
    {
        var desk = await api.SignIn("staff-search-desk", "receptionist");
        var response = await desk.PostAsJsonAsync("/api/v1/patients/search", new { email, phone });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
