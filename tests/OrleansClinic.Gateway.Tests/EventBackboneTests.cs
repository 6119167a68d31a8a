using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Gateway.Tests;

/// <summary>The embedded clinic's event path without SSE: grain write, in-memory outbox, relay, mock Kafka, Orleans stream.</summary>
public sealed class EventBackboneTests(ClinicApi api)
{
    [Fact]
    public async Task A_booking_reaches_the_patients_the_doctors_and_the_clinic_streams_through_kafka()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var cluster = api.Services.GetRequiredService<IClusterClient>();
        var provider = cluster.GetStreamProvider(ClinicEventStreams.ProviderName);
        var received = new ConcurrentQueue<KafkaExternalEvent>();
        var handles = new List<StreamSubscriptionHandle<KafkaExternalEvent>>();
        foreach (var (topic, key) in new[] { (ClinicEventStreams.PatientAppointmentsTopic, patientId), (ClinicEventStreams.DoctorsTopic, doctor), (ClinicEventStreams.ClinicTopic, ClinicEventStreams.ClinicKey) })
        {
            handles.Add(await provider.GetStream<KafkaExternalEvent>(StreamId.Create(topic, key)).SubscribeAsync((e, _) =>
            {
                received.Enqueue(e);
                return Task.CompletedTask;
            }));
        }

        var patient = await api.SignIn(patientId, "patient");
        var booked = await patient.PostIdempotent(
            "/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 15) }, "k-" + Guid.NewGuid());
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var appointmentId = (await booked.Body()).GetProperty("id").GetString();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(Has(ClinicEventStreams.PatientAppointmentsTopic, "appointment.booked") && Has(ClinicEventStreams.DoctorsTopic, "slot.booked") && Has(ClinicEventStreams.ClinicTopic, "appointment.booked")))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var forPatient = Assert.Single(received, e => e.Topic == ClinicEventStreams.PatientAppointmentsTopic && e.EventType == "appointment.booked");
        Assert.Equal(patientId, forPatient.StreamKey);
        using (var envelope = JsonDocument.Parse(forPatient.Json))
        {
            Assert.Equal(appointmentId, envelope.RootElement.GetProperty("payload").GetProperty("appointmentId").GetString());
        }

        var forDoctor = received.Where(e => e.Topic == ClinicEventStreams.DoctorsTopic).ToList();
        Assert.Contains(forDoctor, e => e.EventType == "slot.booked");
        Assert.All(forDoctor, e => Assert.DoesNotContain(patientId, e.Json, StringComparison.Ordinal));
        Assert.Contains(received, e => e.Topic == ClinicEventStreams.ClinicTopic && e.EventId == forPatient.EventId);

        foreach (var handle in handles)
        {
            await handle.UnsubscribeAsync();
        }

        bool Has(string topic, string type) => received.Any(e => e.Topic == topic && e.EventType == type);
    }
}
