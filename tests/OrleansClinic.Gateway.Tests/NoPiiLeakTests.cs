using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Streaming.Kafka.Embedded;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// The proof that personal information stays in the vault: after a scenario touching every PII path (registration,
/// booking, correction, staff and admin reads, lookups by contact and name, export, erasure) on PostgreSQL and Kafka, no table, log entry, trace or
/// Kafka message holds any of the patients' details in plaintext.
/// </summary>
public sealed class NoPiiLeakTests(PostgresServer postgres)
{
    // Distinctive fictional values: a hit can only be a leak. 0491 570 xxx numbers are reserved by ACMA for fiction.
    private static readonly Patient Walkin = new("Zephyrine", "Quillfeather", "1977-03-14", "zephyrine.quillfeather@example.test", "+61491570737", "2123456701", "8003604242424249");
    private static readonly Patient Self = new("Oswaldine", "Thistlewaite", "1969-11-23", "oswaldine.thistlewaite@example.test", "+61491571266", null, null);
    private const string CorrectedEmail = "quillfeather.newaddress@example.test";
    private const string CorrectedPhone = "+61491571491";

    [Fact]
    public async Task After_every_PII_path_no_table_log_trace_or_kafka_message_holds_a_patients_details()
    {
        var connectionString = await postgres.CreateDatabaseAsync("no_pii_leak");
        await using var kafka = new KafkaMockCluster(brokerCount: 1);
        foreach (var topic in EmbeddedKafka.Topics)
        {
            kafka.CreateTopic(topic, EmbeddedKafka.Partitions);
        }

        var logs = new CapturedLogs();
        var traces = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => traces.Enqueue(string.Join(' ', new[] { a.OperationName, a.DisplayName, a.StatusDescription ?? "" }
                .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}")).Concat(a.Baggage.Select(b => $"{b.Key}={b.Value}")).Concat(a.Events.Select(e => e.Name)))),
        };
        ActivitySource.AddActivityListener(listener);

        await using (var api = new ClinicGatewayHost(
            TestVaultKeys.With(new() { ["ConnectionStrings:Clinic"] = connectionString, ["Kafka:BootstrapServers"] = kafka.BootstrapServers }),
            services => services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))))
        {
            await RunScenario(api);
            await WaitForOutboxToDrain(connectionString);
        }

        var findings = new List<string>();
        findings.AddRange(Scan("database", await DumpDatabase(connectionString)));
        findings.AddRange(Scan("kafka", ReadAllMessages(kafka.BootstrapServers)));
        findings.AddRange(Scan("log", logs.Entries.Select(e => $"{e.Category}: {e.Message} {string.Join(' ', e.Scope.Select(s => $"{s.Key}={s.Value}"))}")));
        findings.AddRange(Scan("trace", traces));

        Assert.True(findings.Count == 0, string.Join('\n', findings.Take(20)));
        // The scan looked at something: the scenario's events, logs and traces are there, only without the details.
        Assert.NotEmpty(logs.Entries);
        Assert.NotEmpty(traces);
    }

    private static async Task RunScenario(ClinicGatewayHost api)
    {
        var doctor = await api.CreateDoctor();
        var desk = await api.SignIn("staff-leak-desk", "receptionist");
        var walkin = await desk.PostIdempotent("/api/v1/patients", Walkin.Body, "leak-" + Guid.NewGuid());
        Assert.True(walkin.StatusCode == HttpStatusCode.Created, await walkin.Content.ReadAsStringAsync());
        var walkinId = (await walkin.Body()).GetProperty("id").GetString()!;

        const string selfId = "p-leak-self";
        var patient = await api.SignIn(selfId, "patient");
        Assert.Equal(HttpStatusCode.Created, (await patient.PostIdempotent("/api/v1/patients", Self.Body, "leak-" + Guid.NewGuid())).StatusCode);

        var day = ClinicCalls.FutureWeekday();
        var booked = await desk.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = walkinId, start = ClinicCalls.At(day, 9, 0), reason = "check-up" }, "leak-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointment = (await booked.Body()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await desk.PostIdempotent($"/api/v1/appointments/{appointment}/reschedule", new { start = ClinicCalls.At(day, 10, 0) }, "leak-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync($"/api/v1/appointments/{appointment}/check-in", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync($"/api/v1/appointments/{appointment}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = selfId, start = ClinicCalls.At(day, 11, 0) }, "leak-" + Guid.NewGuid())).StatusCode);

        var correction = await desk.PatchAsync($"/api/v1/patients/{walkinId}", new StringContent(
            $$"""{"email":"{{CorrectedEmail}}","phone":"{{CorrectedPhone}}"}""", Encoding.UTF8, "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        // A rejected correction carrying details must not leak them through its problem logging either.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await desk.PatchAsync($"/api/v1/patients/{walkinId}", new StringContent(
            """{"email":"not an email Quillfeather","dateOfBirth":"1977-03-14x"}""", Encoding.UTF8, "application/merge-patch+json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/api/v1/patients/{walkinId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync("/api/v1/patients/search", new { email = CorrectedEmail })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync("/api/v1/patients/search", new { phone = Self.Phone })).StatusCode);
        var byName = await desk.PostAsJsonAsync("/api/v1/patients/search", new { name = $"{Walkin.FamilyName} {Walkin.GivenName}" });
        Assert.Contains(walkinId, (await byName.Body()).GetProperty("patients").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await desk.PostAsJsonAsync("/api/v1/patients/search", new { name = Walkin.FamilyName, phone = CorrectedPhone })).StatusCode);
        using (var adminRead = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{walkinId}"))
        {
            adminRead.Headers.Add("X-Access-Reason", "duplicate record check");
            Assert.Equal(HttpStatusCode.OK, (await (await api.SignIn("staff-leak-admin", "admin")).SendAsync(adminRead)).StatusCode);
        }

        (await patient.PutAsJsonAsync($"/api/v1/patients/{selfId}/consents/sms_reminders", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync($"/api/v1/patients/{selfId}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patient.DeleteAsync($"/api/v1/patients/{selfId}")).StatusCode);
        var walkinClient = await api.SignIn(walkinId, "patient");
        Assert.Equal(HttpStatusCode.Accepted, (await walkinClient.DeleteAsync($"/api/v1/patients/{walkinId}")).StatusCode);
    }

    private static async Task WaitForOutboxToDrain(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM outbox.event WHERE sent_at IS NULL");
            var unsent = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            if (unsent == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{unsent} outbox events still unsent");
        }
    }

    /// <summary>Every row of every table outside PostgreSQL's own catalogs, as text (bytea shows as hex, so ciphertext cannot match).</summary>
    private static async Task<List<string>> DumpDatabase(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"))
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("users_pii_vault.patient_pii", tables);
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var command = dataSource.CreateCommand($"SELECT t::text FROM {table} t");
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(table + ": " + reader.GetString(0));
            }
        }

        Assert.Contains(rows, r => r.StartsWith("outbox.event", StringComparison.Ordinal));
        return rows;
    }

    /// <summary>Every message of every clinic topic from the start: key, value and headers.</summary>
    private static List<string> ReadAllMessages(string bootstrapServers)
    {
        var messages = new List<string>();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "no-pii-scan-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(EmbeddedKafka.Topics.SelectMany(t => Enumerable.Range(0, EmbeddedKafka.Partitions).Select(p => new TopicPartitionOffset(t, p, Offset.Beginning))));
        for (var quiet = DateTime.UtcNow.AddSeconds(3); DateTime.UtcNow < quiet;)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message } result)
            {
                messages.Add($"{result.Topic}: {message.Key} {message.Value} " +
                    string.Join(' ', message.Headers.Select(h => h.Key + "=" + Encoding.UTF8.GetString(h.GetValueBytes()))));
                quiet = DateTime.UtcNow.AddSeconds(3);
            }
        }

        Assert.Contains(messages, m => m.Contains("patient.erasure_requested", StringComparison.Ordinal));
        return messages;
    }

    private static IEnumerable<string> Scan(string where, IEnumerable<string> texts)
    {
        var needles = Walkin.Needles.Concat(Self.Needles).Concat([CorrectedEmail, Digits(CorrectedPhone)]).ToArray();
        foreach (var text in texts)
        {
            var digits = Digits(text);
            foreach (var needle in needles)
            {
                var hit = needle.All(char.IsAsciiDigit) && needle.Length >= 9 ? digits.Contains(needle, StringComparison.Ordinal) : text.Contains(needle, StringComparison.OrdinalIgnoreCase);
                if (hit)
                {
                    yield return $"{where}: '{needle}' in {text[..Math.Min(text.Length, 300)]}";
                }
            }
        }
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private sealed record Patient(string GivenName, string FamilyName, string DateOfBirth, string Email, string Phone, string? MedicareNumber, string? Ihi)
    {
        public object Body => new { givenName = GivenName, familyName = FamilyName, dateOfBirth = DateOfBirth, email = Email, phone = Phone, medicareNumber = MedicareNumber, ihi = Ihi };

        /// <summary>Each detail as it could leak: names and email as written, dates as written, numbers as their digits.</summary>
        public IEnumerable<string> Needles =>
            new[] { GivenName, FamilyName, DateOfBirth, Email, Digits(Phone), MedicareNumber, Ihi }.OfType<string>();
    }
}
