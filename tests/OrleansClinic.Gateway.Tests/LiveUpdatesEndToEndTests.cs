using System.Net;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// The whole live path of the embedded clinic: HTTP booking, grain write, in-memory outbox, relay, in-process Kafka,
/// Kafka stream provider, Orleans stream, SSE hub, an SSE client.
/// </summary>
public sealed class LiveUpdatesEndToEndTests(ClinicApi api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_patient_watching_their_stream_sees_their_booking_then_its_cancellation_in_order()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        await using var live = await SseReader.Open(patient, $"/api/v1/patients/{patientId}/appointments/events");

        var appointmentId = await Book(patient, doctor, patientId, 9, 0);
        await Cancel(patient, appointmentId);

        var events = await live.ReadUntil(e => e.Any(m => m.Event == "appointment.cancelled"), Wait);
        Assert.Equal(["appointment.booked", "appointment.cancelled"], events.Select(e => e.Event));
        Assert.True(events[0].Offset < events[1].Offset);
        Assert.All(events, e => Assert.Equal(appointmentId, e.Json.GetProperty("entity").GetProperty("appointmentId").GetString()));
        Assert.NotNull(live.Retry);
    }

    [Fact]
    public async Task A_client_reconnecting_with_Last_Event_ID_receives_exactly_what_it_missed()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var stream = $"/api/v1/patients/{patientId}/appointments/events";

        string lastSeen;
        await using (var first = await SseReader.Open(patient, stream))
        {
            await Book(patient, doctor, patientId, 9, 0);
            var seen = await first.ReadUntil(e => e.Count == 1, Wait);
            lastSeen = Assert.Single(seen).Id!;
        }

        // While disconnected: one more booking and its cancellation.
        var missed = await Book(patient, doctor, patientId, 10, 0);
        await Cancel(patient, missed);
        await using var watcher = await SseReader.Open(await api.SignIn("staff-watch", "receptionist"), stream);
        await watcher.ReadUntil(e => e.Any(m => m.Event == "appointment.cancelled"), Wait);

        await using var resumed = await SseReader.Open(patient, stream, lastSeen);
        var replayed = await resumed.ReadUntil(e => e.Count >= 2, Wait);
        replayed.AddRange(await resumed.Drain(TimeSpan.FromSeconds(1)));
        Assert.Equal(["appointment.booked", "appointment.cancelled"], replayed.Select(e => e.Event));
        Assert.All(replayed, e => Assert.Equal(missed, e.Json.GetProperty("entity").GetProperty("appointmentId").GetString()));
        Assert.All(replayed, e => Assert.True(e.Offset > long.Parse(lastSeen, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_doctors_schedule_stream_shows_slots_taken_and_freed_without_patient_identity()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        await using var live = await SseReader.Open(await api.SignIn("someone-else", "patient"), $"/api/v1/doctors/{doctor}/schedule/events");

        var appointmentId = await Book(patient, doctor, patientId, 11, 0);
        await Cancel(patient, appointmentId);

        var events = await live.ReadUntil(e => e.Any(m => m.Event == "slot.released"), Wait);
        Assert.Contains(events, e => e.Event == "slot.booked");
        Assert.All(events, e => Assert.DoesNotContain(patientId, e.Data, StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain(appointmentId, e.Data, StringComparison.Ordinal));
    }

    private static async Task Cancel(HttpClient client, string appointmentId) =>
        Assert.Equal(
            HttpStatusCode.OK,
            (await client.PostIdempotent($"/api/v1/appointments/{appointmentId}/cancel", new { reason = "test" }, "c-" + Guid.NewGuid())).StatusCode);

    private static async Task<string> Book(HttpClient client, string doctor, string patientId, int hour, int minute)
    {
        var response = await client.PostIdempotent(
            "/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), hour, minute) }, "k-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }
}
