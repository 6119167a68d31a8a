using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Outbox.Tests;

public sealed class OutboxRelayTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishes_rows_in_order_to_their_topics_keyed_by_entity_with_headers_and_envelope_then_marks_them_sent()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_order");
        var db = harness.Database;
        var expected = new List<(Guid Id, string Type, string Key, string Topic, int N)>();
        var routes = new (string Type, string Key, string Topic)[]
        {
            ("appointment.booked", "a-1", "clinic.appointments"),
            ("slot.held", "d-wattle", "clinic.doctors"),
            ("doctor.updated", "d-wattle", "clinic.doctors"),
            ("patient.registered", "p-1", "clinic.patients"),
            ("audit.something", "x-1", "clinic.events"),
            ("appointment.cancelled", "a-1", "clinic.appointments"),
        };
        for (var n = 0; n < 30; n++)
        {
            var (type, key, topic) = routes[n % routes.Length];
            expected.Add((await db.InsertEventAsync(type, key, $$"""{"n": {{n}}, "note": "x"}"""), type, key, topic, n));
        }

        var relay = harness.NewRelay(o => o.BatchSize = 7);
        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "every row is marked sent");

        var received = harness.ReadAll(expected.Count);
        Assert.Equal(expected.Count, received.Count);
        foreach (var result in received)
        {
            var row = expected.Single(e => e.Id.ToString() == TopicReader.Header(result, "event-id"));
            Assert.Equal(row.Topic, result.Topic);
            Assert.Equal(row.Key, result.Message.Key);
            Assert.Equal(row.Type, TopicReader.Header(result, "event-type"));
            Assert.Equal("corr-1", TopicReader.Header(result, "correlation-id"));

            using var envelope = JsonDocument.Parse(result.Message.Value);
            var root = envelope.RootElement;
            Assert.Equal(row.Id, root.GetProperty("eventId").GetGuid());
            Assert.Equal(row.Type, root.GetProperty("eventType").GetString());
            Assert.Equal(row.Key, root.GetProperty("entityKey").GetString());
            Assert.Equal("corr-1", root.GetProperty("correlationId").GetString());
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 22, 30, 0, TimeSpan.Zero), root.GetProperty("occurredAt").GetDateTimeOffset());
            Assert.Equal(JsonValueKind.Object, root.GetProperty("payload").ValueKind);
            Assert.Equal(row.N, root.GetProperty("payload").GetProperty("n").GetInt32());
        }

        // Per entity, consumers see events in the order they were written.
        foreach (var group in received.GroupBy(r => r.Message.Key))
        {
            var order = group.OrderBy(r => r.Offset.Value).Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("payload").GetProperty("n").GetInt32()).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    [Fact]
    public async Task Appointment_events_also_go_to_their_patients_stream_and_every_event_to_the_clinic_stream()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_fanout");
        var db = harness.Database;
        var booked = await db.InsertEventAsync("appointment.booked", "a-1", """{"appointmentId": "a-1", "patientId": "p-7"}""");
        var held = await db.InsertEventAsync("slot.held", "d-wattle", """{"doctorId": "d-wattle"}""");
        var orphan = await db.InsertEventAsync("appointment.booked", "a-2", """{"appointmentId": "a-2"}""");

        var relay = harness.NewRelay();
        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "every row is marked sent");

        var fanOut = harness.ReadFanOut(4).Select(r => (r.Topic, r.Message.Key, Id: Guid.Parse(TopicReader.Header(r, "event-id")))).ToList();
        Assert.Equal(4, fanOut.Count);
        Assert.Contains(("clinic.patient-appointments", "p-7", booked), fanOut);
        Assert.Equal(
            new[] { booked, held, orphan },
            fanOut.Where(r => r.Topic == "clinic.all").Select(r => r.Id).ToArray());
        Assert.All(fanOut.Where(r => r.Topic == "clinic.all"), r => Assert.Equal("clinic", r.Key));

        // A payload without the key property has no per-patient copy; its other destinations still get it.
        Assert.DoesNotContain(fanOut, r => r.Topic == "clinic.patient-appointments" && r.Id == orphan);
        Assert.Equal(3, harness.ReadAll(3).Count);
    }

    [Fact]
    public async Task A_second_relay_waits_while_the_first_holds_the_lease_and_takes_over_after_it_dies()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_lease");
        var db = harness.Database;
        // Long enough that a loaded machine (a slow first publish to Kafka) does not let a live holder's lease lapse.
        var first = harness.NewRelay(o => (o.HolderId, o.LeaseDuration) = ("first", TimeSpan.FromSeconds(6)));
        var second = harness.NewRelay(o => (o.HolderId, o.LeaseDuration) = ("second", TimeSpan.FromSeconds(6)));
        await first.StartAsync(Cancel);
        await Eventually.TrueAsync(() => Task.FromResult(first.HoldsLease), "the first relay holds the lease");
        await second.StartAsync(Cancel);

        await db.InsertEventAsync("appointment.booked", "a-1", """{"n": 1}""");
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "the first relay publishes");
        await Task.Delay(500, Cancel);
        Assert.False(second.HoldsLease);

        // Death: the first stops working without giving the lease up, as a killed process would.
        first.ReleaseLeaseOnStop = false;
        await first.StopAsync(Cancel);
        await db.InsertEventAsync("appointment.booked", "a-2", """{"n": 2}""");
        await Task.Delay(500, Cancel);
        Assert.Equal(1, await db.UnsentAsync());
        Assert.False(second.HoldsLease);

        await Eventually.TrueAsync(async () => second.HoldsLease && await db.UnsentAsync() == 0, "the second relay takes over after the lease expires");
        Assert.Equal("second", await ScalarTextAsync(db, "SELECT holder FROM outbox.relay_lease"));

        var received = harness.ReadAll(2);
        Assert.Equal(["a-1", "a-2"], received.Select(r => r.Message.Key).Order());
    }

    [Fact]
    public async Task A_graceful_stop_hands_the_lease_over_at_once()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_handover");
        var first = harness.NewRelay(o => o.LeaseDuration = TimeSpan.FromMinutes(5));
        var second = harness.NewRelay(o => o.LeaseDuration = TimeSpan.FromMinutes(5));
        await first.StartAsync(Cancel);
        await Eventually.TrueAsync(() => Task.FromResult(first.HoldsLease), "the first relay holds the lease");
        await second.StartAsync(Cancel);

        await first.StopAsync(Cancel);
        await Eventually.TrueAsync(() => Task.FromResult(second.HoldsLease), "the second relay takes the released lease", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task While_Kafka_is_down_nothing_is_marked_sent_and_after_recovery_each_event_is_processed_once()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_kafka_down");
        var db = harness.Database;
        for (var broker = 1; broker <= harness.Kafka.BrokerCount; broker++)
        {
            harness.Kafka.SetBrokerDown(broker);
        }

        var ids = new List<Guid>();
        for (var n = 0; n < 10; n++)
        {
            ids.Add(await db.InsertEventAsync(n % 2 == 0 ? "appointment.booked" : "slot.held", $"k-{n % 3}", $$"""{"n": {{n}}}"""));
        }

        var relay = harness.NewRelay();
        await relay.StartAsync(Cancel);
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
        Assert.True(relay.HoldsLease);
        Assert.Equal(10, await db.UnsentAsync());

        for (var broker = 1; broker <= harness.Kafka.BrokerCount; broker++)
        {
            harness.Kafka.SetBrokerUp(broker);
        }

        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "the relay publishes after Kafka recovers", TimeSpan.FromSeconds(30));
        var received = harness.ReadAll(ids.Count);
        Assert.Equal(ids.Order(), (await DedupeAsync(db, received)).Order());
    }

    [Fact]
    public async Task An_outage_of_one_topics_partitions_holds_back_only_the_events_bound_for_them()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_partition_down");
        var kafka = harness.Kafka;
        foreach (var topic in RelayHarness.Topics.Concat(RelayHarness.FanOutTopics))
        {
            for (var partition = 0; partition < TopicReader.Partitions; partition++)
            {
                kafka.SetPartitionLeader(topic, partition, topic == "clinic.doctors" ? 1 : 2);
            }
        }

        kafka.SetBrokerDown(1);
        var db = harness.Database;
        var slot = await db.InsertEventAsync("slot.held", "d-down", """{"doctorId": "d-down"}""");
        var booking = await db.InsertEventAsync("appointment.booked", "a-1", """{"appointmentId": "a-1", "patientId": "p-1"}""");
        var laterSlot = await db.InsertEventAsync("slot.released", "d-down", """{"doctorId": "d-down"}""");

        var relay = harness.NewRelay();
        await relay.StartAsync(Cancel);

        // The booking's topics are up: it goes out at once; both slot events wait, in order, for clinic.doctors.
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 2, "the booking is sent while the doctors' partitions are down");
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal(2, await db.UnsentAsync());

        kafka.SetBrokerUp(1);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "the slot events follow once the broker is back", TimeSpan.FromSeconds(30));
        var doctors = TopicReader.ReadAll(kafka.BootstrapServers, ["clinic.doctors"], 2).OrderBy(r => r.Offset.Value).ToList();
        Assert.Equal([slot, laterSlot], doctors.Select(r => Guid.Parse(TopicReader.Header(r, "event-id"))).Distinct());
        Assert.Contains(booking, (await DedupeAsync(db, harness.ReadAll(3))));
    }

    [Fact]
    public async Task A_crash_between_publish_and_mark_republishes_and_consumer_dedupe_keeps_one_of_each()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_crash");
        var db = harness.Database;
        var ids = new List<Guid>();
        for (var n = 0; n < 5; n++)
        {
            ids.Add(await db.InsertEventAsync("patient.registered", $"p-{n}", $$"""{"n": {{n}}}"""));
        }

        var crashes = 0;
        var relay = harness.NewRelay();
        relay.BeforeMarkSent = (_, _) =>
            Interlocked.Increment(ref crashes) == 1
                ? throw new Npgsql.NpgsqlException("simulated crash between publish and mark")
                : Task.CompletedTask;
        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "the rows are marked sent after the retry");

        var received = harness.ReadAll(ids.Count * 2);
        Assert.Equal(ids.Count * 2, received.Count);
        Assert.Equal(ids.Order(), (await DedupeAsync(db, received)).Order());
    }

    [Fact]
    public async Task Lag_gauges_report_unsent_rows_and_the_oldest_age_then_zero_once_published()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_lag");
        var db = harness.Database;

        // Another process holds the lease, so this relay only watches.
        await db.ExecuteAsync("INSERT INTO outbox.relay_lease (name, holder, expires_at) VALUES ('outbox-relay', 'elsewhere', now() + interval '1 hour')");
        for (var n = 0; n < 3; n++)
        {
            await db.InsertEventAsync("doctor.updated", "d-1", $$"""{"n": {{n}}}""", age: TimeSpan.FromMinutes(5));
        }

        var relay = harness.NewRelay();
        var gauges = new Dictionary<string, double>();
        long published = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == relay.Metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == OutboxMetrics.PublishedName)
            {
                Interlocked.Add(ref published, value);
            }
            else
            {
                lock (gauges)
                {
                    gauges[instrument.Name] = value;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (gauges)
            {
                gauges[instrument.Name] = value;
            }
        });
        listener.Start();

        double Gauge(string name)
        {
            listener.RecordObservableInstruments();
            lock (gauges)
            {
                return gauges.GetValueOrDefault(name, -1);
            }
        }

        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(() => Task.FromResult(Gauge(OutboxMetrics.LagName) == 3), "the lag gauge shows three unsent rows");
        Assert.InRange(Gauge(OutboxMetrics.OldestUnsentAgeName), 295, 3600);
        Assert.False(relay.HoldsLease);

        await db.ExecuteAsync("DELETE FROM outbox.relay_lease");
        await Eventually.TrueAsync(() => Task.FromResult(Gauge(OutboxMetrics.LagName) == 0), "the lag gauge drops to zero once published");
        Assert.Equal(0, Gauge(OutboxMetrics.OldestUnsentAgeName));
        Assert.Equal(3, Interlocked.Read(ref published));
    }

    [Fact]
    public async Task While_full_batches_keep_coming_the_lag_is_read_at_most_once_a_second_and_again_once_caught_up()
    {
        await using var harness = await RelayHarness.CreateAsync(postgres, "relay_busy_lag");
        var db = harness.Database;
        for (var n = 0; n < 200; n++)
        {
            await db.InsertEventAsync("doctor.updated", "d-1", $$"""{"n": {{n}}}""");
        }

        RecordingOutboxStore? recording = null;
        var relay = harness.NewRelay(o => o.BatchSize = 5, store => recording = new RecordingOutboxStore(store));
        await relay.StartAsync(Cancel);
        await Eventually.TrueAsync(async () => await db.UnsentAsync() == 0, "every row is marked sent");
        await Eventually.TrueAsync(() => Task.FromResult(relay.Metrics.Lag.UnsentCount == 0 && relay.Metrics.Lag.OldestUnsentCreatedAt is null), "the lag gauges show nothing waiting once caught up");

        // The lag query counts every unsent row: a busy relay must not pay for it on every round.
        var calls = recording!.Calls.ToArray();
        var full = calls.Where(c => c.Rows == 5).ToArray();
        Assert.Equal(40, full.Length);
        var busyLagReads = calls.Zip(calls.Skip(1)).Count(p => p.First.Rows == 5 && p.Second.Rows == RecordingOutboxStore.LagRead);
        var busy = Stopwatch.GetElapsedTime(full[0].At, full[^1].At);
        Assert.InRange(busyLagReads, 1, 1 + (int)(busy / OutboxRelay.BusyLagRefresh));
    }

    /// <summary>Plays a consumer: records each received event id with <see cref="ProcessedEvents"/>, returning the ids it acted on.</summary>
    private static async Task<List<Guid>> DedupeAsync(OutboxDatabase db, List<Confluent.Kafka.ConsumeResult<string, byte[]>> received)
    {
        var processed = new ProcessedEvents(db.DataSource);
        var acted = new List<Guid>();
        foreach (var result in received)
        {
            var id = Guid.Parse(TopicReader.Header(result, "event-id"));
            if (await processed.TryMarkProcessedAsync("tests", id))
            {
                acted.Add(id);
            }
        }

        return acted;
    }

    private static async Task<string?> ScalarTextAsync(OutboxDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync();
    }
}
