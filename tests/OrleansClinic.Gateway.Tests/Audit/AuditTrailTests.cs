using System.Net.Http.Json;
using System.Net;

namespace OrleansClinic.Gateway.Tests.Audit;

/// <summary>
/// The audit trail of the embedded clinic through the API: state changes with their actor and roles, reads of personal
/// information with their purpose, reassignment steps and role changes sealed into a chain that verifies.
/// </summary>
public sealed class AuditTrailTests(ClinicApi api)
{
    [Fact]
    public async Task A_booking_and_a_read_of_personal_information_are_audited_with_who_why_and_the_correlation_id()
    {
        var patient = await TestPatients.Register(api);
        var desk = await api.SignIn("staff-audit-desk", "receptionist");
        var booked = await desk.PostIdempotent("/api/v1/appointments", new { doctorId = await api.CreateDoctor(), patientId = patient, start = ClinicCalls.At(ClinicCalls.FutureWeekday(3), 10, 0) }, "a-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointment = (await booked.Body()).GetProperty("id").GetString()!;
        var correlation = booked.Headers.GetValues("X-Correlation-Id").Single();
        using (var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{patient}"))
        {
            read.Headers.Add("X-Access-Reason", "confirming the appointment by phone");
            Assert.Equal(HttpStatusCode.OK, (await desk.SendAsync(read)).StatusCode);
        }

        var manager = await api.SignIn("staff-audit-manager", "practice_manager");
        var booking = await Until(manager, $"/api/v1/audit?entityId={appointment}", e => e.GetProperty("action").GetString() == "appointment.booked");
        Assert.Equal(
            ("staff-audit-desk", "receptionist", "appointment", "success", correlation),
            (booking.GetProperty("actorId").GetString(), booking.GetProperty("actorRole").GetString(), booking.GetProperty("entityType").GetString(),
             booking.GetProperty("outcome").GetString(), booking.GetProperty("correlationId").GetString()));

        var read2 = await Until(manager, $"/api/v1/audit?entityId={patient}", e => e.GetProperty("action").GetString() == "pii.read" && e.GetProperty("actorId").GetString() == "staff-audit-desk");
        Assert.Equal(("receptionist", "confirming the appointment by phone"), (read2.GetProperty("actorRole").GetString(), read2.GetProperty("reason").GetString()));
        Assert.Equal(64, read2.GetProperty("hash").GetString()!.Length);

        var admin = await api.SignIn("staff-audit-admin", "admin");
        var verified = await (await admin.GetAsync("/api/v1/audit/verify")).Body();
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        Assert.True(verified.GetProperty("entries").GetInt64() >= 3);
        Assert.Equal(verified.GetProperty("entries").GetInt64(), verified.GetProperty("headSequence").GetInt64());
        // The embedded clinic keeps no archive store, so nothing is anchored outside its memory.
        Assert.Equal(0, verified.GetProperty("anchorsChecked").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, verified.GetProperty("anchoredSequence").ValueKind);
    }

    [Fact]
    public async Task Role_changes_are_audited_as_the_admin_who_made_them()
    {
        var admin = await api.SignIn("staff-audit-roles", "admin");
        var staffId = "staff-" + Guid.NewGuid().ToString("N")[..10];
        Assert.True((await admin.PostIdempotent("/api/v1/staff", new { id = staffId, roles = new[] { "receptionist" } }, "s-" + Guid.NewGuid())).IsSuccessStatusCode);
        var change = await admin.PutAsJsonAsync($"/api/v1/staff/{staffId}/roles", new { roles = new[] { "receptionist", "practice_manager" } });
        Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync());

        var entry = await Until(admin, $"/api/v1/audit?entityId={staffId}", e => e.GetProperty("action").GetString() == "staff.roles_changed");
        Assert.Equal(("staff-audit-roles", "admin"), (entry.GetProperty("actorId").GetString(), entry.GetProperty("actorRole").GetString()));
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=5001", "limit")]
    public async Task A_bad_query_is_422_naming_the_field(string query, string field)
    {
        var response = await (await api.SignIn("staff-audit-admin", "admin")).GetAsync("/api/v1/audit" + query);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Only_practice_managers_and_admins_read_the_trail_and_verify_it()
    {
        foreach (var role in new[] { "patient", "doctor", "receptionist" })
        {
            var other = await api.SignIn("audit-" + role, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/audit/verify")).StatusCode);
        }

        var manager = await api.SignIn("staff-audit-manager", "practice_manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/audit?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/audit/verify")).StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> Until(HttpClient client, string path, Func<System.Text.Json.JsonElement, bool> match)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            var entries = await (await client.GetAsync(path)).Body();
            if (entries.EnumerateArray().FirstOrDefault(match) is { ValueKind: System.Text.Json.JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no matching audit entry at {path}: {entries}");
        }
    }
}
