using System.Net;
using System.Text.Json;
using Npgsql;
using OrleansClinic.Testing.StandIns;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The gateway with its co-hosted silo on PostgreSQL: what a request changes reaches the tables and the outbox.</summary>
public sealed class PostgresGatewayTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_booking_and_its_reschedule_leave_ordered_outbox_events_carrying_the_requests_correlation_id()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_outbox");
        await using var api = new ClinicGatewayHost(TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString }));
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var day = ClinicCalls.FutureWeekday();

        using var book = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { doctorId = doctor, patientId, start = ClinicCalls.At(day, 9, 0) }),
        };
        book.Headers.Add("Idempotency-Key", "outbox-" + Guid.NewGuid());
        book.Headers.Add("X-Correlation-Id", "corr-book-1");
        var booked = await patient.SendAsync(book);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = (await booked.Body()).GetProperty("id").GetString()!;

        using var move = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/appointments/{id}/reschedule")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { start = ClinicCalls.At(day, 10, 0) }),
        };
        move.Headers.Add("Idempotency-Key", "outbox-" + Guid.NewGuid());
        move.Headers.Add("X-Correlation-Id", "corr-move-2");
        Assert.Equal(HttpStatusCode.OK, (await patient.SendAsync(move)).StatusCode);

        var events = await Outbox(connectionString);
        var appointmentEvents = events.Where(e => e.EntityKey == id).ToList();
        Assert.Equal(["appointment.booked", "appointment.rescheduled"], appointmentEvents.Select(e => e.Type));
        Assert.Equal(["corr-book-1", "corr-move-2"], appointmentEvents.Select(e => e.CorrelationId));
        Assert.Equal(2, appointmentEvents[1].Payload.GetProperty("version").GetInt32());
        Assert.Equal(
            ["slot.booked", "slot.booked", "slot.released"],
            events.Where(e => e.EntityKey == doctor && e.Type.StartsWith("slot.", StringComparison.Ordinal)).Select(e => e.Type));
        Assert.All(events, e => Assert.NotEqual(Guid.Empty, e.EventId));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        // Schedule events are public: they name the appointment's slot, never the patient.
        Assert.All(events.Where(e => e.Type.StartsWith("slot.", StringComparison.Ordinal)), e => Assert.DoesNotContain(patientId, e.Payload.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_appointment_row_carries_the_slot_the_database_guards()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_rows");
        await using var api = new ClinicGatewayHost(TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString }));
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var staff = await api.SignIn("staff-reception", "receptionist");
        var id = (await (await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 11, 0) }, "row-" + Guid.NewGuid())).Body()).GetProperty("id").GetString();
        await staff.PostIdempotent($"/api/v1/appointments/{id}/cancel", new { }, "row-" + Guid.NewGuid());

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select doctor_id, patient_id, status, holds_slot from appointments.appointment where doctor_id = @d", connection);
        command.Parameters.AddWithValue("d", doctor);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((doctor, patientId, "cancelled", false), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Readiness_fails_while_the_database_refuses_connections_and_recovers_after()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_ready");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var api = new ClinicGatewayHost(TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString }));
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await Admin($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        try
        {
            NpgsqlConnection.ClearAllPools();
            var down = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("not_ready", (await down.Body()).GetProperty("status").GetString());
        }
        finally
        {
            await Admin($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    private async Task Admin(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<OutboxRow>> Outbox(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select event_id, event_type, entity_key, correlation_id, payload::text from outbox.event order by sequence", connection);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), JsonDocument.Parse(reader.GetString(4)).RootElement));
        }

        return rows;
    }

    private sealed record OutboxRow(Guid EventId, string Type, string EntityKey, string CorrelationId, JsonElement Payload);

    [Fact]
    public async Task With_kms_as_the_master_key_details_are_wrapped_by_kms_bound_to_the_patient()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_kms");
        var keyArn = KmsStandIn.KeyArn("33333333-3333-3333-3333-333333333333");
        await using var kms = KmsStandIn.Start(keyArn);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Clinic"] = connectionString,
            ["Privacy:Vault:BlindIndexKey"] = TestVaultKeys.Settings["Privacy:Vault:BlindIndexKey"],
            ["Privacy:Vault:MasterKey"] = "aws-kms",
            ["Privacy:Vault:Kms:Keys:1"] = keyArn,
            ["Privacy:Vault:Kms:CurrentVersion"] = "1",
            ["Privacy:Vault:Kms:ServiceUrl"] = kms.Url.AbsoluteUri,
            ["Privacy:Vault:Kms:Region"] = "ap-southeast-2",
        };
        await using var api = new ClinicGatewayHost(settings);
        var patient = await api.SignIn("p-kms-1", "patient");

        var registered = await patient.PostIdempotent("/api/v1/patients", new { givenName = "Kimberly", familyName = "Keyring", dateOfBirth = "1988-08-08" }, "kms-" + Guid.NewGuid());
        var read = await patient.GetAsync("/api/v1/patients/p-kms-1");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("Keyring", (await read.Body()).GetProperty("familyName").GetString());
        Assert.Contains(kms.Requests, r => r.Target.EndsWith("Encrypt", StringComparison.Ordinal) && r.KeyId == keyArn && r.EncryptionContext?["orleansclinic:patient"] == "p-kms-1");
        Assert.Contains(kms.Requests, r => r.Target.EndsWith("Decrypt", StringComparison.Ordinal) && r.EncryptionContext?["orleansclinic:patient"] == "p-kms-1");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT key_version, get_byte(wrapped_key, 0) FROM users_pii_vault.patient_pii WHERE patient_id = 'p-kms-1'");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        // Version 1 of the KMS ring, in KMS's blob format (0x02), not the local ring's.
        Assert.Equal((1, 2), (reader.GetInt32(0), reader.GetInt32(1)));
    }
}
