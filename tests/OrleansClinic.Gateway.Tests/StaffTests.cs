using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>Staff management: admins add staff and change their roles; practice managers read; records hold ids and roles only.</summary>
public sealed class StaffTests(ClinicApi api, PostgresServer postgres)
{
    private static string NewId() => "s-test-" + Guid.NewGuid().ToString("N")[..12];

    private Task<HttpClient> AnAdmin() => api.SignIn("s-admin-" + Guid.NewGuid().ToString("N")[..8], "admin");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task An_admin_adds_a_staff_member_and_admins_and_practice_managers_read_it_back()
    {
        var admin = await api.SignIn("s-admin-reader", "admin");
        var id = NewId();

        var created = await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "admin", "receptionist" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/staff/{id}", created.Headers.Location?.OriginalString);
        var body = await created.Body();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(["receptionist", "admin"], Strings(body.GetProperty("roles")));
        Assert.Equal("s-admin-reader", body.GetProperty("createdBy").GetString());

        foreach (var reader in new[] { admin, await api.SignIn("s-manager-reader", "practice_manager") })
        {
            var read = await reader.GetAsync($"/api/v1/staff/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(["receptionist", "admin"], Strings((await read.Body()).GetProperty("roles")));
        }
    }

    [Fact]
    public async Task Without_an_id_the_server_chooses_one_and_a_doctor_may_be_linked()
    {
        var doctorId = await api.CreateDoctor();
        var created = await (await AnAdmin()).PostAsJsonAsync("/api/v1/staff", new { roles = new[] { "doctor" }, doctorId });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Body();
        var id = body.GetProperty("id").GetString()!;
        Assert.StartsWith("s-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/staff/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(doctorId, body.GetProperty("doctorId").GetString());
    }

    [Fact]
    public async Task A_role_change_is_recorded_in_the_history_with_who_when_from_and_to()
    {
        var admin = await api.SignIn("s-admin-changer", "admin");
        var id = NewId();
        await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "receptionist" } });

        var changed = await admin.PutAsJsonAsync($"/api/v1/staff/{id}/roles", new { roles = new[] { "practice_manager" } });
        var repeated = await admin.PutAsJsonAsync($"/api/v1/staff/{id}/roles", new { roles = new[] { "practice_manager" } });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        var history = (await (await admin.GetAsync($"/api/v1/staff/{id}")).Body()).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Empty(Strings(history[0].GetProperty("from")));
        Assert.Equal(["receptionist"], Strings(history[1].GetProperty("from")));
        Assert.Equal(["practice_manager"], Strings(history[1].GetProperty("to")));
        Assert.Equal("s-admin-changer", history[1].GetProperty("changedBy").GetString());
        Assert.True(NodaTime.Text.InstantPattern.ExtendedIso.Parse(history[1].GetProperty("at").GetString()!).Success);
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("doctor")]
    [InlineData("receptionist")]
    [InlineData("practice_manager")]
    public async Task Only_admins_write_and_a_denied_caller_gets_403_before_any_validation_or_lookup(string role)
    {
        var caller = await api.SignIn("s-not-admin-" + role, role);
        var existing = NewId();
        await (await AnAdmin()).PostAsJsonAsync("/api/v1/staff", new { id = existing, roles = new[] { "receptionist" } });

        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsJsonAsync("/api/v1/staff", new { roles = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync("/api/v1/staff", Json("""{"roles":["patient"]}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync("/api/v1/staff", Json("not json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync($"/api/v1/staff/{existing}/roles", new { roles = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsync($"/api/v1/staff/{existing}/roles", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync($"/api/v1/staff/{NewId()}/roles", new { roles = new[] { "admin" } })).StatusCode);
        var expectedRead = role == "practice_manager" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
        Assert.Equal(expectedRead, (await caller.GetAsync($"/api/v1/staff/{NewId()}")).StatusCode);
        Assert.Equal(role == "practice_manager" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await caller.GetAsync("/api/v1/staff")).StatusCode);
        var badFilter = role == "practice_manager" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden;
        Assert.Equal(badFilter, (await caller.GetAsync("/api/v1/staff?role=superuser")).StatusCode);
        Assert.Equal(["receptionist"], Strings((await (await (await AnAdmin()).GetAsync($"/api/v1/staff/{existing}")).Body()).GetProperty("roles")));
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/staff", new { roles = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/v1/staff/{NewId()}/roles", new { roles = new[] { "admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/staff/{NewId()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/staff?role=superuser")).StatusCode);
    }

    [Fact]
    public async Task The_staff_list_shows_every_member_by_id_with_roles_and_linked_doctor_and_follows_role_changes()
    {
        var admin = await AnAdmin();
        var doctorId = await api.CreateDoctor();
        var (desk, doctor) = (NewId(), NewId());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/staff", new { id = desk, roles = new[] { "receptionist" } })).StatusCode);
        var created = await (await admin.PostAsJsonAsync("/api/v1/staff", new { id = doctor, roles = new[] { "doctor" }, doctorId })).Body();

        foreach (var reader in new[] { admin, await api.SignIn("s-manager-lister", "practice_manager") })
        {
            var list = await reader.GetAsync("/api/v1/staff");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var members = (await list.Body()).EnumerateArray().ToList();
            var ids = members.Select(m => m.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            Assert.Equal(ids.Distinct(StringComparer.Ordinal).Count(), ids.Count);
            var listed = members.Single(m => m.GetProperty("id").GetString() == doctor);
            Assert.Equal(["createdAt", "doctorId", "id", "roles"], listed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(doctorId, listed.GetProperty("doctorId").GetString());
            Assert.Equal(["doctor"], Strings(listed.GetProperty("roles")));
            Assert.Equal(created.GetProperty("createdAt").GetString(), listed.GetProperty("createdAt").GetString());
            Assert.Equal(JsonValueKind.Null, members.Single(m => m.GetProperty("id").GetString() == desk).GetProperty("doctorId").ValueKind);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/staff/{desk}/roles", new { roles = new[] { "receptionist", "practice_manager" } })).StatusCode);

        var after = (await (await admin.GetAsync("/api/v1/staff")).Body()).EnumerateArray().Single(m => m.GetProperty("id").GetString() == desk);
        Assert.Equal(["receptionist", "practice_manager"], Strings(after.GetProperty("roles")));
    }

    [Fact]
    public async Task The_role_filter_lists_only_members_holding_that_role()
    {
        var admin = await AnAdmin();
        var (desk, manager) = (NewId(), NewId());
        await admin.PostAsJsonAsync("/api/v1/staff", new { id = desk, roles = new[] { "receptionist" } });
        await admin.PostAsJsonAsync("/api/v1/staff", new { id = manager, roles = new[] { "practice_manager", "admin" } });

        var response = await admin.GetAsync("/api/v1/staff?role=practice_manager");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var members = (await response.Body()).EnumerateArray().ToList();
        Assert.All(members, m => Assert.Contains("practice_manager", Strings(m.GetProperty("roles"))));
        var ids = members.Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains(manager, ids);
        Assert.DoesNotContain(desk, ids);
        Assert.Contains(manager, (await (await admin.GetAsync("/api/v1/staff?role=admin")).Body()).EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("superuser")]
    [InlineData("Admin")]
    [InlineData("")]
    [InlineData("receptionist,admin")]
    public async Task An_unknown_role_filter_is_422_naming_role(string role)
    {
        var response = await (await AnAdmin()).GetAsync($"/api/v1/staff?role={Uri.EscapeDataString(role)}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Body()).GetProperty("errors");
        Assert.Equal(["role"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("""{}""", "roles")]
    [InlineData("""{"roles": []}""", "roles")]
    [InlineData("""{"roles": ["patient"]}""", "roles")]
    [InlineData("""{"roles": ["superuser", "admin"]}""", "roles")]
    [InlineData("""{"roles": [null]}""", "roles")]
    [InlineData("""{"roles": ["admin", "admin"]}""", "roles")]
    [InlineData("""{"id": "has space", "roles": ["admin"]}""", "id")]
    [InlineData("""{"id": "", "roles": ["admin"]}""", "id")]
    [InlineData("""{"roles": ["receptionist"], "doctorId": "d-wattle"}""", "doctorId")]
    [InlineData("""{"roles": ["doctor"], "doctorId": "d-nobody"}""", "doctorId")]
    public async Task A_bad_new_member_is_422_naming_the_field_and_adds_no_one(string body, string field)
    {
        var response = await (await AnAdmin()).PostAsync("/api/v1/staff", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Body()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.GetRawText());
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var response = await (await AnAdmin()).PostAsync("/api/v1/staff", Json("""{"id": "bad/id", "roles": ["patient"], "doctorId": ""}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Body()).GetProperty("errors");
        Assert.Equal(["doctorId", "id", "roles"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"roles": []}""")]
    [InlineData("""{"roles": ["patient"]}""")]
    [InlineData("""{"roles": ["admin", "admin"]}""")]
    public async Task A_bad_role_change_is_422_and_changes_nothing(string body)
    {
        var admin = await AnAdmin();
        var id = NewId();
        await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "receptionist" } });

        var response = await admin.PutAsync($"/api/v1/staff/{id}/roles", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty("roles", out _));
        Assert.Equal(1, (await (await admin.GetAsync($"/api/v1/staff/{id}")).Body()).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var id = NewId();
        await (await AnAdmin()).PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "admin" } });
        var self = await api.SignIn(id, "admin");

        var response = await self.PutAsJsonAsync($"/api/v1/staff/{id}/roles", new { roles = new[] { "practice_manager" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty("roles", out _));
        Assert.Equal(HttpStatusCode.OK, (await self.PutAsJsonAsync($"/api/v1/staff/{id}/roles", new { roles = new[] { "admin", "practice_manager" } })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_staff_id_is_404()
    {
        var admin = await AnAdmin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/staff/{NewId()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/staff/{NewId()}/roles", new { roles = new[] { "admin" } })).StatusCode);
    }

    [Fact]
    public async Task Adding_the_same_member_again_is_harmless_and_a_different_member_under_a_taken_id_is_409()
    {
        var admin = await AnAdmin();
        var id = NewId();
        var first = await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "receptionist", "practice_manager" } });
        var again = await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "practice_manager", "receptionist" } });
        var different = await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await first.Body()).GetProperty("createdAt").GetString(), (await again.Body()).GetProperty("createdAt").GetString());
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["receptionist", "practice_manager"], Strings((await (await admin.GetAsync($"/api/v1/staff/{id}")).Body()).GetProperty("roles")));
    }

    [Fact]
    public async Task On_postgres_a_staff_member_survives_a_restart_and_each_change_leaves_an_event_with_ids_and_roles_only()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_staff");
        var settings = TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString });
        var id = NewId();
        await using (var first = new ClinicGatewayHost(settings))
        {
            var admin = await first.SignIn("s-admin-pg", "admin");
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "receptionist" } })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/staff/{id}/roles", new { roles = new[] { "receptionist", "admin" } })).StatusCode);
        }

        await using (var second = new ClinicGatewayHost(settings))
        {
            var read = await (await second.SignIn("s-manager-pg", "practice_manager")).GetAsync($"/api/v1/staff/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var body = await read.Body();
            Assert.Equal(["receptionist", "admin"], Strings(body.GetProperty("roles")));
            Assert.Equal(2, body.GetProperty("history").GetArrayLength());
            var list = await (await (await second.SignIn("s-admin-pg", "admin")).GetAsync("/api/v1/staff")).Body();
            var listed = Assert.Single(list.EnumerateArray());
            Assert.Equal(id, listed.GetProperty("id").GetString());
            Assert.Equal(["receptionist", "admin"], Strings(listed.GetProperty("roles")));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var row = new NpgsqlCommand("select count(*) from users_profile.staff_member where grain_id like '%' || @id", connection))
        {
            row.Parameters.AddWithValue("id", id);
            Assert.Equal(1L, await row.ExecuteScalarAsync());
        }

        await using var events = new NpgsqlCommand("select event_type, payload::text from outbox.event where entity_key = @id order by sequence", connection);
        events.Parameters.AddWithValue("id", id);
        var rows = new List<(string Type, JsonElement Payload)>();
        await using (var reader = await events.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement));
            }
        }

        Assert.Equal(["staff.created", "staff.roles_changed"], rows.Select(r => r.Type));
        Assert.Equal(["by", "doctorId", "roles", "staffId"], rows[0].Payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["by", "from", "staffId", "to"], rows[1].Payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["receptionist", "admin"], Strings(rows[1].Payload.GetProperty("to")));
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
