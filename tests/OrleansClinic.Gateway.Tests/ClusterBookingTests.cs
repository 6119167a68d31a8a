using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Schedules;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The no-double-booking proof on a real cluster: two silos on PostgreSQL, a gateway as their client, one silo killed mid-run.</summary>
public sealed class ClusterBookingTests(PostgresServer postgres)
{
    [Fact]
    public async Task Five_hundred_requests_for_one_slot_with_a_silo_killed_mid_run_book_it_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("race_kill");
        await using var clinic = await PostgresCluster.Start(connectionString, tcp: true);
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Clinic"] = connectionString,
            ["Clinic:Gateway:Mode"] = "client",
            ["Clinic:ClusterId"] = clinic.Cluster.Options.ClusterId,
            ["Clinic:ServiceId"] = clinic.Cluster.Options.ServiceId,
        }, services => services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));
        var doctor = await api.CreateDoctor();
        var patients = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"p-race-{i}";
            await FictionalPatients.Register(clinic.Grains, id, i);
            patients.Add(id);
        }

        var staff = await api.SignIn("staff-reception", "receptionist");
        var day = ClinicCalls.FutureWeekday();
        var start = ClinicCalls.At(day, 10, 0);
        var done = 0;
        var killed = new TaskCompletionSource();
        var outcomes = new ConcurrentBag<(HttpStatusCode Status, string Type, int Attempts)>();

        var requests = Enumerable.Range(0, 500).Select(async i =>
        {
            var key = $"race-{i}";
            var body = new { doctorId = doctor, patientId = patients[i % patients.Count], start };
            var giveUp = DateTime.UtcNow.AddMinutes(2);
            for (var attempt = 1; ; attempt++)
            {
                HttpResponseMessage response;
                try
                {
                    response = await staff.PostIdempotent("/api/v1/appointments", body, key);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                    continue;
                }

                var type = response.StatusCode == HttpStatusCode.Created ? "" : (await response.Body()).GetProperty("type").GetString()!;
                // A real client retries what may succeed later under the same key: server errors, a request still in
                // flight, a write that lost to a stale activation.
                var retry = (int)response.StatusCode >= 500 || type.EndsWith("idempotency-in-flight", StringComparison.Ordinal) || type.EndsWith("concurrent-change", StringComparison.Ordinal);
                if (retry && DateTime.UtcNow < giveUp)
                {
                    await Task.Delay(250);
                    continue;
                }

                outcomes.Add((response.StatusCode, type, attempt));
                if (Interlocked.Increment(ref done) == 100)
                {
                    killed.TrySetResult();
                }

                return;
            }
        }).ToList();

        await killed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await clinic.Cluster.KillSiloAsync(clinic.Cluster.Silos[1]);
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(500, outcomes.Count);
        var summary = string.Join(", ", outcomes.GroupBy(o => $"{(int)o.Status} {o.Type}").Select(g => $"{g.Key} x{g.Count()}"));
        Assert.True(outcomes.All(o => o.Status == HttpStatusCode.Created || o.Type.EndsWith("slot-taken", StringComparison.Ordinal) || o.Type.EndsWith("patient-busy", StringComparison.Ordinal)), summary);
        Assert.Single(outcomes, o => o.Status == HttpStatusCode.Created);
        var bookings = await clinic.Grains.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor, day)).GetBookings();
        Assert.Single(bookings);
        Assert.Equal(1, await LiveAppointmentsInDatabase(connectionString, doctor));
    }

    private static async Task<long> LiveAppointmentsInDatabase(string connectionString, string doctorId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from appointments.appointment where doctor_id = @d and holds_slot", connection);
        command.Parameters.AddWithValue("d", doctorId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
