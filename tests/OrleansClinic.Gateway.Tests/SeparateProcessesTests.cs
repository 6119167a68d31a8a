using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>Two silo processes and a gateway process on one machine form one clinic on PostgreSQL.</summary>
public sealed class SeparateProcessesTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_silos_and_a_gateway_as_separate_processes_serve_bookings()
    {
        var connectionString = await postgres.CreateDatabaseAsync("processes");
        var gatewayUrl = $"http://127.0.0.1:{ClinicApi.FreePort()}";
        Dictionary<string, string> Env(params (string Key, string Value)[] extra)
        {
            var env = new Dictionary<string, string> { ["ConnectionStrings__Clinic"] = connectionString, ["Clinic__ClusterId"] = "processes-test" };
            foreach (var (key, value) in TestVaultKeys.EnvironmentVariables)
            {
                env[key] = value;
            }

            foreach (var (key, value) in extra)
            {
                env[key] = value;
            }

            return env;
        }

        // An operator migrates first with the silo's own command; the silos then find nothing left to do.
        using (var migrate = ClinicProcess.Start("silo", "OrleansClinic.Silo", Env(), "migrate"))
        {
            var exitCode = await migrate.WaitForExit(TimeSpan.FromSeconds(90));
            Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{migrate.Output}");
            Assert.Contains("Applied migrations: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19", migrate.Output, StringComparison.Ordinal);
        }

        using var silo1 = ClinicProcess.Start("silo", "OrleansClinic.Silo", Env(
            ("Orleans__SiloPort", ClinicApi.FreePort().ToString()), ("Orleans__GatewayPort", ClinicApi.FreePort().ToString()),
            ("ASPNETCORE_URLS", $"http://127.0.0.1:{ClinicApi.FreePort()}"), ("Clinic__SeedDemoData", "true")));
        using var silo2 = ClinicProcess.Start("silo", "OrleansClinic.Silo", Env(
            ("Orleans__SiloPort", ClinicApi.FreePort().ToString()), ("Orleans__GatewayPort", ClinicApi.FreePort().ToString()),
            ("ASPNETCORE_URLS", $"http://127.0.0.1:{ClinicApi.FreePort()}")));
        // Silos migrate the schema as they start; a gateway (a client, with no say over the schema) comes after.
        await WaitForSchema(connectionString);
        using var gateway = ClinicProcess.Start("gateway", "OrleansClinic.Gateway", Env(
            ("Clinic__Gateway__Mode", "client"), ("ASPNETCORE_URLS", gatewayUrl)));
        using var http = new HttpClient { BaseAddress = new Uri(gatewayUrl) };

        await WaitUntilReady(http, Logs);

        // Seeding runs once silo 1 is active, so the cluster can answer before the demo doctors and patients exist.
        var seedDeadline = DateTime.UtcNow.AddSeconds(60);
        while (!silo1.Output.Contains("Demo clinic ready", StringComparison.Ordinal) && DateTime.UtcNow < seedDeadline)
        {
            await Task.Delay(100);
        }

        Assert.True(silo1.Output.Contains("Demo clinic ready", StringComparison.Ordinal), "The demo clinic was not seeded:\n" + Logs());
        var token = await (await http.PostAsJsonAsync("/dev/token", new { subject = "p-demo-3", roles = new[] { "patient" } })).Body();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 30);

        var booked = await http.PostIdempotent("/api/v1/appointments", new { doctorId = "d-wattle", patientId = "p-demo-3", start }, "processes-1");
        var replayed = await http.PostIdempotent("/api/v1/appointments", new { doctorId = "d-wattle", patientId = "p-demo-3", start }, "processes-1");
        var taken = await http.PostIdempotent("/api/v1/appointments", new { doctorId = "d-wattle", patientId = "p-demo-3", start }, "processes-2");

        Assert.True(booked.StatusCode == HttpStatusCode.Created, $"booking answered {booked.StatusCode}: {await booked.Content.ReadAsStringAsync()}\n{Logs()}");
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"), $"replay answered {replayed.StatusCode}: {await replayed.Content.ReadAsStringAsync()}");
        Assert.True(taken.StatusCode == HttpStatusCode.Conflict, $"second booking answered {taken.StatusCode}: {await taken.Content.ReadAsStringAsync()}");

        // The gateway is ready once one silo answers; on a loaded machine the second may still be joining.
        await WaitForActiveSilos(connectionString, 2, Logs);

        string Logs() => $"silo 1:\n{silo1.Output}\nsilo 2:\n{silo2.Output}\ngateway:\n{gateway.Output}";
    }

    private static async Task WaitForActiveSilos(string connectionString, int expected, Func<string> logs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        long active;
        do
        {
            active = await Count(connectionString, "select count(*) from orleansmembershiptable where deploymentid = 'processes-test' and status = 3");
            if (active == expected)
            {
                return;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{active} silos active, expected {expected}:\n{logs()}");
    }

    private static async Task WaitUntilReady(HttpClient http, Func<string> logs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    // Ready means the cluster answers; the demo seed runs as the first silo starts, so wait for a seeded doctor too.
                    var token = await (await http.PostAsJsonAsync("/dev/token", new { subject = "probe", roles = new[] { "receptionist" } })).Body();
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/doctors/d-wattle");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
                    if ((await http.SendAsync(request)).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        Assert.Fail("The clinic did not become ready:\n" + logs());
    }

    private static async Task WaitForSchema(string connectionString)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if (await Count(connectionString, "select count(*) from public.clinic_schema_migrations") == OrleansClinic.Persistence.Postgres.ClinicMigrator.Migrations.Count)
                {
                    return;
                }
            }
            catch (Npgsql.PostgresException)
            {
            }

            await Task.Delay(500);
        }

        Assert.Fail("The silos did not migrate the schema.");
    }

    private static async Task<long> Count(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
