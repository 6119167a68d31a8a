using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Hosting.Events;
using OrleansClinic.Outbox;
using OrleansClinic.Streaming.Kafka.Embedded;
using OrleansClinic.Testing.Cluster;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// The event backbone under failure on a real cluster: two silos on PostgreSQL, a three-broker Kafka (librdkafka's mock),
/// a gateway as their client with a staff member watching <c>/clinic/events</c>.
/// </summary>
public sealed class LiveUpdatesClusterTests(PostgresServer postgres)
{
    private const int Bookings = 1000;

    [Fact]
    public async Task A_thousand_bookings_through_a_broker_outage_lost_requests_a_killed_relay_holder_and_a_joining_silo_each_reach_the_clinic_stream_once_in_order()
    {
        var connectionString = await postgres.CreateDatabaseAsync("live_cluster");
        await using var kafka = new KafkaMockCluster(brokerCount: 3);
        foreach (var topic in EmbeddedKafka.Topics)
        {
            kafka.CreateTopic(topic, EmbeddedKafka.Partitions);
        }

        await using var clinic = await PostgresCluster.Start(connectionString, tcp: true, kafkaBootstrapServers: kafka.BootstrapServers);
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Clinic"] = connectionString,
            ["Clinic:Gateway:Mode"] = "client",
            ["Clinic:ClusterId"] = clinic.Cluster.Options.ClusterId,
            ["Clinic:ServiceId"] = clinic.Cluster.Options.ServiceId,
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
        }, services => services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)));

        // 10 doctors x 10 weekdays x 12 quarter-hour slots; one distinct patient per booking.
        var doctors = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            doctors.Add(await api.CreateDoctor());
        }

        var patients = Enumerable.Range(0, Bookings).Select(i => $"p-live-{i:D4}").ToArray();
        await FictionalPatients.RegisterAll(clinic.Grains, patients);
        var slots = (
            from week in new[] { 1, 2 }
            from day in new[] { NodaTime.IsoDayOfWeek.Monday, NodaTime.IsoDayOfWeek.Tuesday, NodaTime.IsoDayOfWeek.Wednesday, NodaTime.IsoDayOfWeek.Thursday, NodaTime.IsoDayOfWeek.Friday }
            from doctor in doctors
            from quarter in Enumerable.Range(0, 12)
            select (doctor, start: ClinicCalls.At(ClinicCalls.FutureWeekday(week, day), 9 + (quarter / 4), quarter % 4 * 15))).Take(Bookings).ToArray();

        // Watch from a quiet point: everything written so far is published, so what follows is the run's own events.
        await WaitFor(async () => await Scalar(connectionString, "select count(*) from outbox.event where sent_at is null") == 0, TimeSpan.FromMinutes(1), "the set-up's events to be published");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var staff = await api.SignIn("staff-live", "practice_manager");
        await using var live = await SseReader.Open(staff, "/api/v1/clinic/events");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var baseline = await Scalar(connectionString, "select coalesce(max(sequence), 0) from outbox.event");

        var network = new FlakyNetwork(lostRequests: 0.05, lostResponses: 0.05, seed: 20261125);
        var flaky = api.CreateDefaultClient(network);
        flaky.DefaultRequestHeaders.Authorization = staff.DefaultRequestHeaders.Authorization;
        var outcomes = new ConcurrentBag<HttpStatusCode>();
        var cancellations = new ConcurrentBag<HttpStatusCode>();
        var done = 0;
        var brokerDown = new TaskCompletionSource();
        var brokerUp = new TaskCompletionSource();
        var killHolder = new TaskCompletionSource();
        var next = -1;
        var workers = Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Bookings)
            {
                var body = new { doctorId = slots[i].doctor, patientId = patients[i], start = slots[i].start };
                var (status, appointment) = await SendWithRetries(() => flaky.PostIdempotent("/api/v1/appointments", body, $"live-{i}"));
                outcomes.Add(status);

                // Every tenth is cancelled again, so appointments have histories whose order can be checked.
                if (i % 10 == 0 && status == HttpStatusCode.Created)
                {
                    var path = $"/api/v1/appointments/{appointment.GetProperty("id").GetString()}/cancel";
                    cancellations.Add((await SendWithRetries(() => flaky.PostIdempotent(path, new { reason = "test" }, $"live-cancel-{i}"))).Status);
                }

                switch (Interlocked.Increment(ref done))
                {
                    case 250: brokerDown.TrySetResult(); break;
                    case 500: brokerUp.TrySetResult(); break;
                    case 700: killHolder.TrySetResult(); break;
                }
            }
        }).ToList();

        await brokerDown.Task.WaitAsync(TimeSpan.FromMinutes(3));
        kafka.SetBrokerDown(1);
        await brokerUp.Task.WaitAsync(TimeSpan.FromMinutes(3));
        kafka.SetBrokerUp(1);
        await killHolder.Task.WaitAsync(TimeSpan.FromMinutes(3));
        // On two busy cores a round can outlast the tests' 3-second lease, so for a moment nobody may hold it: wait for the holder.
        InProcessSiloHandle? holder = null;
        await WaitFor(
            () => Task.FromResult((holder = clinic.Cluster.Silos.OfType<InProcessSiloHandle>().FirstOrDefault(s => s.SiloHost.Services.GetRequiredService<OutboxRelay>().HoldsLease)) is not null),
            TimeSpan.FromSeconds(30),
            "a silo to hold the relay's lease");
        await clinic.Cluster.KillSiloAsync(holder!);
        var survivor = Assert.Single(clinic.Cluster.Silos.OfType<InProcessSiloHandle>());

        // A new silo joins mid-run too: the stream queues rebalance onto it while events keep flowing.
        await clinic.Cluster.StartAdditionalSiloAsync();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(8));

        // A live silo (the survivor, or the one that joined meanwhile: whichever asked first once the dead holder's lease
        // expired) took the relay over, exactly one holds it, and the outbox drained.
        await WaitFor(async () => await Scalar(connectionString, "select count(*) from outbox.event where sent_at is null") == 0, TimeSpan.FromMinutes(2), "the outbox to drain");
        await WaitFor(
            () => Task.FromResult(clinic.Cluster.Silos.OfType<InProcessSiloHandle>().Count(s => s.SiloHost.Services.GetRequiredService<OutboxRelay>().HoldsLease) == 1),
            TimeSpan.FromSeconds(60),
            "exactly one live silo to hold the relay's lease");
        Assert.Contains(survivor, clinic.Cluster.Silos);

        Assert.True(outcomes.Count(o => o == HttpStatusCode.Created) == Bookings, "bookings answered: " + string.Join(", ", outcomes.CountBy(o => o).Select(g => $"{g.Value} × {(int)g.Key}")));
        Assert.True(cancellations.Count(o => o == HttpStatusCode.OK) == Bookings / 10, "cancellations answered: " + string.Join(", ", cancellations.CountBy(o => o).Select(g => $"{g.Value} × {(int)g.Key}")));
        Assert.True(network.Injected > 50, $"only {network.Injected} failures were injected");
        Assert.Equal(Bookings - (Bookings / 10), await Scalar(connectionString, "select count(*) from appointments.appointment where holds_slot"));

        // Every event committed during the run reaches the watcher once, and no stranger event does.
        var expected = await Events(connectionString, baseline);
        var received = new List<SseMessage>();
        var receivedIds = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (expected.Keys.Any(id => !receivedIds.Contains(id)) && DateTime.UtcNow < deadline)
        {
            if (await live.Next(TimeSpan.FromSeconds(5)) is { } message)
            {
                received.Add(message);
                receivedIds.Add(message.EventId);
            }
        }

        received.AddRange(await live.Drain(TimeSpan.FromSeconds(2)));
        Assert.DoesNotContain(received, m => m.Event == "resync");
        var missing = expected.Keys.Where(id => !receivedIds.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} events never reached the stream");
        var duplicates = received.GroupBy(m => m.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} events arrived more than once");
        Assert.Equal(received.Select(m => m.Offset).Order(), received.Select(m => m.Offset));

        // Per appointment (one writer each), the watcher sees events in commit order: booked before cancelled.
        var all = await Events(connectionString, 0);
        var histories = received.Where(m => m.Event.StartsWith("appointment.", StringComparison.Ordinal)).GroupBy(m => all[m.EventId].EntityKey).ToList();
        Assert.Equal(Bookings / 10, histories.Count(h => h.Count() == 2));
        Assert.All(histories.Where(h => h.Count() == 2), h => Assert.Equal(["appointment.booked", "appointment.cancelled"], h.Select(m => m.Event)));
        foreach (var entity in histories)
        {
            var sequences = entity.Select(m => all[m.EventId].Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    /// <summary>Sends until the answer is final, as a real client does: lost requests, 5xx and in-flight keys are retried with the same key.</summary>
    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SendWithRetries(Func<Task<HttpResponseMessage>> send)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                var response = await send();
                var body = await response.Body();
                var type = response.IsSuccessStatusCode ? "" : body.GetProperty("type").GetString()!;
                var retry = (int)response.StatusCode >= 500 || type.EndsWith("idempotency-in-flight", StringComparison.Ordinal) || type.EndsWith("concurrent-change", StringComparison.Ordinal);
                if (!retry || DateTime.UtcNow > giveUp)
                {
                    return (response.StatusCode, body);
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < giveUp)
            {
                // Lost on the way there or back: the same key makes the retry safe.
            }

            await Task.Delay(100);
        }
    }

    private static async Task<Dictionary<string, (long Sequence, string EntityKey)>> Events(string connectionString, long after)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select event_id::text, sequence, entity_key from outbox.event where sequence > @after", connection);
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            events[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
        }

        return events;
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
