using System.Net;
using System.Net.Http.Json;

namespace OrleansClinic.Gateway.Tests;

public sealed class BookingTests(ClinicApi api)
{
    [Fact]
    public async Task A_patient_books_a_free_slot_and_sees_it_in_their_list()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var day = ClinicCalls.FutureWeekday();

        var slots = await (await patient.GetAsync($"/api/v1/doctors/{doctor}/slots?from={Uri.EscapeDataString(ClinicCalls.At(day, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0))}")).Body();
        Assert.Equal(12, slots.GetArrayLength());
        var start = slots[2].GetProperty("start").GetString()!;

        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start, reason = "check-up" }, "k-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointment = await booked.Body();
        Assert.Equal("booked", appointment.GetProperty("status").GetString());
        Assert.Equal("Australia/Sydney", appointment.GetProperty("timeZone").GetString());
        Assert.Equal(DateTimeOffset.Parse(start, null), appointment.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(booked.Headers.Location!.ToString(), "/api/v1/appointments/" + appointment.GetProperty("id").GetString());

        var fetched = await patient.GetAsync(booked.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var mine = await (await patient.GetAsync($"/api/v1/patients/{patientId}/appointments")).Body();
        Assert.Equal(appointment.GetProperty("id").GetString(), Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());

        var after = await (await patient.GetAsync($"/api/v1/doctors/{doctor}/slots?from={Uri.EscapeDataString(ClinicCalls.At(day, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0))}")).Body();
        Assert.Equal(11, after.GetArrayLength());
        Assert.DoesNotContain(after.EnumerateArray(), s => s.GetProperty("start").GetString() == start);
    }

    [Fact]
    public async Task Five_hundred_concurrent_requests_for_one_slot_yield_exactly_one_booking()
    {
        var doctor = await api.CreateDoctor();
        var staff = await api.SignIn("staff-reception", "receptionist");
        var patients = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => TestPatients.Register(api)));
        var start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 10, 0);

        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patients[i % patients.Length], start }, $"race-{i}-{Guid.NewGuid()}")));

        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(499, codes.Count(c => c == HttpStatusCode.Conflict));
        var day = await (await staff.GetAsync($"/api/v1/doctors/{doctor}/appointments?date={ClinicCalls.FutureWeekday():yyyy-MM-dd}")).Body();
        Assert.Single(day.EnumerateArray());
    }

    [Fact]
    public async Task Reschedule_moves_the_appointment_and_frees_the_old_slot_only_after()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var day = ClinicCalls.FutureWeekday();
        var first = ClinicCalls.At(day, 9, 0);
        var second = ClinicCalls.At(day, 11, 0);
        var booked = await (await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start = first }, "b-" + Guid.NewGuid())).Body();
        var id = booked.GetProperty("id").GetString();

        var moved = await patient.PostIdempotent($"/api/v1/appointments/{id}/reschedule", new { start = second }, "r-" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var body = await moved.Body();
        Assert.Equal(DateTimeOffset.Parse(second, null), body.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal(["booked", "rescheduled"], body.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        var free = await (await patient.GetAsync($"/api/v1/doctors/{doctor}/slots?from={Uri.EscapeDataString(ClinicCalls.At(day, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0))}")).Body();
        var starts = free.EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Contains(DateTimeOffset.Parse(first, null), starts);
        Assert.DoesNotContain(DateTimeOffset.Parse(second, null), starts);
    }

    [Fact]
    public async Task Reschedule_to_a_taken_slot_keeps_the_original()
    {
        var doctor = await api.CreateDoctor();
        var (p1, p2) = (await TestPatients.Register(api), await TestPatients.Register(api));
        var staff = await api.SignIn("staff-reception", "receptionist");
        var day = ClinicCalls.FutureWeekday();
        var a = await (await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = p1, start = ClinicCalls.At(day, 9, 0) }, "b-" + Guid.NewGuid())).Body();
        await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = p2, start = ClinicCalls.At(day, 9, 15) }, "b-" + Guid.NewGuid());

        var moved = await staff.PostIdempotent($"/api/v1/appointments/{a.GetProperty("id").GetString()}/reschedule", new { start = ClinicCalls.At(day, 9, 15) }, "r-" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        var still = await (await staff.GetAsync($"/api/v1/appointments/{a.GetProperty("id").GetString()}")).Body();
        Assert.Equal(DateTimeOffset.Parse(ClinicCalls.At(day, 9, 0), null), still.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cancel_frees_the_slot_and_cancelled_stays_cancelled()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 9, 30);
        var id = (await (await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start }, "b-" + Guid.NewGuid())).Body()).GetProperty("id").GetString();

        var cancelled = await patient.PostIdempotent($"/api/v1/appointments/{id}/cancel", new { reason = "feeling better" }, "c-" + Guid.NewGuid());
        var again = await patient.PostIdempotent($"/api/v1/appointments/{id}/cancel", new { }, "c-" + Guid.NewGuid());
        var checkIn = await (await api.SignIn("staff-reception", "receptionist")).PostAsync($"/api/v1/appointments/{id}/check-in", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await again.Body()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, checkIn.StatusCode);
        var other = await TestPatients.Register(api);
        var rebook = await (await api.SignIn(other, "patient")).PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = other, start }, "b-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, rebook.StatusCode);
    }

    [Fact]
    public async Task Lifecycle_steps_run_in_order()
    {
        var doctor = await api.CreateDoctor();
        var patientId = await TestPatients.Register(api);
        var staff = await api.SignIn("staff-reception", "receptionist");
        var id = (await (await staff.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start = ClinicCalls.At(ClinicCalls.FutureWeekday(), 10, 30) }, "b-" + Guid.NewGuid())).Body()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/appointments/{id}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/appointments/{id}/check-in", null)).StatusCode);
        var doctorClient = await api.SignIn(doctor, "doctor");
        var completed = await doctorClient.PostAsync($"/api/v1/appointments/{id}/complete", null);
        Assert.Equal("completed", (await completed.Body()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/appointments/{id}/no-show", null)).StatusCode);
    }

    [Fact]
    public async Task A_patient_cannot_hold_two_overlapping_appointments()
    {
        var (d1, d2) = (await api.CreateDoctor(), await api.CreateDoctor(slotMinutes: 30));
        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var day = ClinicCalls.FutureWeekday();
        Assert.Equal(HttpStatusCode.Created, (await patient.PostIdempotent("/api/v1/appointments", new { doctorId = d1, patientId, start = ClinicCalls.At(day, 10, 15) }, "b-" + Guid.NewGuid())).StatusCode);

        var overlapping = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = d2, patientId, start = ClinicCalls.At(day, 10, 0) }, "b-" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("urn:orleans-clinic:problem:patient-busy", (await overlapping.Body()).GetProperty("type").GetString());
        var d2Day = await (await api.SignIn("staff-reception", "receptionist")).GetAsync($"/api/v1/doctors/{d2}/appointments?date={day:yyyy-MM-dd}");
        Assert.Empty((await d2Day.Body()).EnumerateArray());
    }
}
