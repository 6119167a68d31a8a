using System.Net;
using System.Text.Json;
using Npgsql;
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
}
