using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The front desk finds a patient by email, phone or name through the blind indexes; each match is logged.</summary>
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

    [Fact]
    public async Task The_front_desk_finds_a_patient_by_name_in_any_case_order_or_accents_and_the_lookup_is_logged()
    {
        var desk = await api.SignIn("staff-name-desk", "receptionist");
        // Letters only, as a name: each run registers its own Quokka.
        var tag = string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var registered = await desk.PostIdempotent("/api/v1/patients", new { givenName = "Zoë Testa", familyName = "Quokka-" + tag, dateOfBirth = "1992-02-29" }, "search-" + Guid.NewGuid());
        var id = (await registered.Body()).GetProperty("id").GetString()!;

        var byName = await desk.PostAsJsonAsync("/api/v1/patients/search", new { name = $"  {tag.ToUpperInvariant()} zoe " });
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal([id], Ids(await byName.Body()));
        var manager = await api.SignIn("staff-name-manager", "practice_manager");
        using var explained = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patients/search") { Content = JsonContent.Create(new { name = "quokka " + tag }) };
        explained.Headers.Add("X-Access-Reason", "caller asked about a booking");
        Assert.Equal([id], Ids(await (await manager.SendAsync(explained)).Body()));
        Assert.Empty(Ids(await (await desk.PostAsJsonAsync("/api/v1/patients/search", new { name = tag + " Numbat" })).Body()));

        var log = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IPatientGrain>(id).DetailsAccessLog();
        var lookups = log.Where(e => e.Action == "lookup").ToList();
        Assert.Equal(
            [("staff-name-desk", "front desk lookup", "name"), ("staff-name-manager", "caller asked about a booking", "name")],
            lookups.Select(e => (e.By.ActorId, e.By.Purpose, Assert.Single(e.Fields))));
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("doctor")]
    [InlineData("admin")]
    public async Task Patients_doctors_and_admins_do_not_search(string role)
    {
        var subject = "search-" + role + "-" + Guid.NewGuid().ToString("N")[..8];
        var caller = await api.SignIn(subject, role);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsJsonAsync("/api/v1/patients/search", new { email = "demo-1@example.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsJsonAsync("/api/v1/patients/search", new { name = "Demo Quokka" })).StatusCode);
        Assert.DoesNotContain(await DemoQuokkaLog(), e => e.By.ActorId == subject);
    }

    [Theory]
    [InlineData(null, null, null, "email")]
    [InlineData(null, null, "   ", "name")]
    [InlineData("demo-1@example.test", "+61491570006", null, "email")]
    [InlineData("demo-1@example.test", null, "Demo Quokka", "name")]
    [InlineData(null, "+61491570006", "Demo Quokka", "phone")]
    [InlineData("no-at-sign", null, null, "email")]
    [InlineData(null, "12345", null, "phone")]
    [InlineData(null, null, "Q", "name")]
    [InlineData(null, null, "12345 -", "name")]
    [InlineData(null, null, "(a control character)", "name")]
    [InlineData(null, null, "(201 characters)", "name")]
    public async Task A_search_needs_exactly_one_well_formed_email_phone_or_name(string? email, string? phone, string? name, string field)
    {
        var subject = "staff-search-bad-" + Guid.NewGuid().ToString("N")[..8];
        var desk = await api.SignIn(subject, "receptionist");
        name = name switch
        {
            "(201 characters)" => "Demo Quokka " + new string('a', 189),
            "(a control character)" => "Demo\u0007Quokka",
            _ => name,
        };

        var response = await desk.PostAsJsonAsync("/api/v1/patients/search", new { email, phone, name });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.DoesNotContain(await DemoQuokkaLog(), e => e.By.ActorId == subject);
    }

    private static IEnumerable<string?> Ids(JsonElement body) => body.GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetString());

    // Demo Quokka (p-demo-1): the patient every refused search above would have found.
    private Task<IReadOnlyList<DetailsAccessEntry>> DemoQuokkaLog() =>
        api.Services.GetRequiredService<IGrainFactory>().GetGrain<IPatientGrain>("p-demo-1").DetailsAccessLog();
}
