using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Gateway.Http;
using OrleansClinic.Grains.Appointments;

namespace OrleansClinic.Gateway.Tests.Telemetry;

/// <summary>The booking instruments count what happened, once each: bookings, conflicts by reason, and idempotent replays.</summary>
public sealed class BookingMetricsTests
{
    [Fact]
    public async Task A_booking_counts_once_its_replay_as_a_replay_and_each_conflict_with_its_reason_but_bad_input_not_at_all()
    {
        await using var api = new ClinicGatewayHost(new Dictionary<string, string?> { ["Clinic:SeedDemoData"] = "false" });
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = Listen(api.Services.GetRequiredService<IMeterFactory>(), counts);
        var doctor = await api.CreateDoctor();
        var otherDoctor = await api.CreateDoctor();
        var first = await TestPatients.Register(api);
        var second = await TestPatients.Register(api);
        var staff = await api.SignIn("staff-metrics", "receptionist");
        var nine = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 0);

        var booked = await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = first, start = nine }, "metrics-1");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(1, counts.GetValueOrDefault(BookingMetrics.BookingsName));

        var replayed = await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = first, start = nine }, "metrics-1");
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.True(replayed.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.Equal(1, counts.GetValueOrDefault(IdempotencyMetrics.ReplaysName));

        var slotTaken = await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = second, start = nine }, "metrics-2");
        Assert.Equal(HttpStatusCode.Conflict, slotTaken.StatusCode);
        var patientBusy = await staff.PostIdempotent("/api/v1/appointments", new { doctorId = otherDoctor, patientId = first, start = nine }, "metrics-3");
        Assert.Equal(HttpStatusCode.Conflict, patientBusy.StatusCode);
        var inPast = await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = second, start = "2020-01-01T09:00:00+11:00" }, "metrics-4");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inPast.StatusCode);

        Assert.Equal(1, counts.GetValueOrDefault(BookingMetrics.BookingsName));
        Assert.Equal(1, counts.GetValueOrDefault(BookingMetrics.ConflictsName + "|slot_taken"));
        Assert.Equal(1, counts.GetValueOrDefault(BookingMetrics.ConflictsName + "|patient_busy"));
        Assert.Equal(2, counts.GetValueOrDefault(BookingMetrics.ConflictsName));
        Assert.Equal(1, counts.GetValueOrDefault(IdempotencyMetrics.ReplaysName));
    }

    /// <summary>Adds up this host's clinic counters by name, and conflicts also by name and reason.</summary>
    private static MeterListener Listen(IMeterFactory meters, ConcurrentDictionary<string, long> counts)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Other hosts of this test run book too; the meter's scope is this host's factory.
                if (instrument.Meter.Scope == meters && instrument.Name is BookingMetrics.BookingsName or BookingMetrics.ConflictsName or IdempotencyMetrics.ReplaysName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            foreach (var tag in tags)
            {
                if (tag.Key == BookingMetrics.ReasonTag)
                {
                    counts.AddOrUpdate($"{instrument.Name}|{tag.Value}", value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
