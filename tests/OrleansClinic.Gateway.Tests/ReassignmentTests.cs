using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// A doctor becomes unavailable and the reassignment workflow moves their appointments to free doctors of the same
/// specialty and location (patient's former doctor first, then the least loaded), or flags them for staff.
/// </summary>
public sealed class ReassignmentTests(ClinicApi api)
{
    [Fact]
    public async Task Every_affected_appointment_moves_at_the_same_time_to_a_free_colleague_preferring_one_the_patient_has_seen()
    {
        var location = Location();
        var (absent, known, other) = (await api.CreateDoctor(location: location), await api.CreateDoctor(location: location), await api.CreateDoctor(location: location));
        var elsewhere = await api.CreateDoctor(location: Location());
        var desk = await Desk();
        var day = ClinicCalls.FutureWeekday(2, IsoDayOfWeek.Tuesday);

        // The first patient was seen by "known" earlier that morning; "known" is then busier than "other".
        var patients = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            patients.Add(await TestPatients.Register(api));
        }

        var seenVisit = await Book(desk, known, patients[0], day, 9, 0);
        (await desk.PostAsync($"/api/v1/appointments/{seenVisit}/check-in", null)).EnsureSuccessStatusCode();
        (await desk.PostAsync($"/api/v1/appointments/{seenVisit}/complete", null)).EnsureSuccessStatusCode();
        await Book(desk, known, patients[3], day, 11, 45);
        var affected = new List<(string Id, int Hour, int Minute)>();
        foreach (var (patient, hour, minute) in new[] { (patients[0], 10, 0), (patients[1], 10, 15), (patients[2], 10, 30) })
        {
            affected.Add((await Book(desk, absent, patient, day, hour, minute), hour, minute));
        }

        var started = await Unavailable(await Manager(), absent, Instant(day, 0, 0), Instant(day.PlusDays(1), 0, 0), "emergency");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var workflowId = (await started.Body()).GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/reassignments/{workflowId}", started.Headers.Location?.OriginalString);
        var workflow = await Finished(workflowId);

        Assert.Equal("completed", workflow.GetProperty("status").GetString());
        Assert.Equal(3, workflow.GetProperty("counts").GetProperty("moved").GetInt32());
        var items = workflow.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal(affected.Select(a => a.Id), items.Select(i => i.GetProperty("appointmentId").GetString()));
        // The patient "known" saw keeps them; the others go to the less loaded colleague first.
        Assert.Equal(known, items[0].GetProperty("newDoctorId").GetString());
        Assert.Equal(other, items[1].GetProperty("newDoctorId").GetString());
        foreach (var (id, hour, minute) in affected)
        {
            var moved = await (await desk.GetAsync($"/api/v1/appointments/{id}")).Body();
            Assert.Equal("booked", moved.GetProperty("status").GetString());
            Assert.NotEqual(absent, moved.GetProperty("doctorId").GetString());
            Assert.NotEqual(elsewhere, moved.GetProperty("doctorId").GetString());
            Assert.Equal(DateTimeOffset.Parse(ClinicCalls.At(day, hour, minute), null), moved.GetProperty("start").GetDateTimeOffset());
            Assert.Equal("reassigned", moved.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
        }

        // Nobody is double-booked, and the absent doctor's day is empty and closed.
        foreach (var doctor in new[] { known, other })
        {
            var starts = (await (await desk.GetAsync($"/api/v1/doctors/{doctor}/appointments?date={day:yyyy-MM-dd}")).Body()).EnumerateArray()
                .Where(a => a.GetProperty("status").GetString() != "cancelled").Select(a => a.GetProperty("start").GetDateTimeOffset()).ToList();
            Assert.Equal(starts.Count, starts.Distinct().Count());
        }

        Assert.DoesNotContain((await (await desk.GetAsync($"/api/v1/doctors/{absent}/appointments?date={day:yyyy-MM-dd}")).Body()).EnumerateArray(),
            a => a.GetProperty("status").GetString() != "cancelled" && a.GetProperty("doctorId").GetString() == absent);
        Assert.Equal("unavailable", (await (await desk.GetAsync($"/api/v1/doctors/{absent}")).Body()).GetProperty("status").GetString());
        Assert.Empty((await (await desk.GetAsync($"/api/v1/doctors/{absent}/slots?from={Uri.EscapeDataString(ClinicCalls.At(day, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0))}")).Body()).EnumerateArray());
    }

    [Fact]
    public async Task With_no_colleague_free_at_that_time_the_appointment_needs_attention_with_the_nearest_free_slots()
    {
        var location = Location();
        var (absent, busy) = (await api.CreateDoctor(location: location), await api.CreateDoctor(location: location));
        var desk = await Desk();
        var day = ClinicCalls.FutureWeekday(2, IsoDayOfWeek.Wednesday);
        await Book(desk, busy, await TestPatients.Register(api), day, 10, 0);
        var stuck = await Book(desk, absent, await TestPatients.Register(api), day, 10, 0);

        var started = await Unavailable(await Manager(), absent, Instant(day, 0, 0), Instant(day.PlusDays(1), 0, 0), "emergency");
        var workflow = await Finished((await started.Body()).GetProperty("id").GetString()!);

        var item = Assert.Single(workflow.GetProperty("appointments").EnumerateArray());
        Assert.Equal("needs_attention", item.GetProperty("outcome").GetString());
        var alternatives = item.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("start").GetDateTimeOffset()).ToList();
        var at = DateTimeOffset.Parse(ClinicCalls.At(day, 10, 0), null);
        Assert.Equal([at.AddMinutes(-15), at.AddMinutes(15), at.AddMinutes(-30)], alternatives);
        Assert.All(workflow.GetProperty("appointments")[0].GetProperty("alternatives").EnumerateArray(), a => Assert.Equal(busy, a.GetProperty("doctorId").GetString()));
        var flagged = await (await desk.GetAsync($"/api/v1/appointments/{stuck}")).Body();
        Assert.Equal("needs_attention", flagged.GetProperty("status").GetString());
        Assert.Equal(absent, flagged.GetProperty("doctorId").GetString());

        // Staff settle it by moving it to an alternative: it is booked again, with the other doctor.
        var moved = await desk.PostIdempotent($"/api/v1/appointments/{stuck}/reschedule", new { start = ClinicCalls.At(day, 10, 15), doctorId = busy }, "r-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("booked", (await moved.Body()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Retrying_the_request_returns_the_same_workflow_and_a_return_reopens_the_doctor()
    {
        var location = Location();
        var (absent, colleague) = (await api.CreateDoctor(location: location), await api.CreateDoctor(location: location));
        var desk = await Desk();
        var day = ClinicCalls.FutureWeekday(3, IsoDayOfWeek.Monday);
        var appointment = await Book(desk, absent, await TestPatients.Register(api), day, 9, 30);
        var self = await api.SignIn(absent, "doctor");
        var key = "absence-" + Guid.NewGuid();

        var first = await Unavailable(self, absent, Instant(day, 0, 0), Instant(day.PlusDays(1), 0, 0), "planned", key);
        var again = await Unavailable(self, absent, Instant(day, 0, 0), Instant(day.PlusDays(1), 0, 0), "planned", key);
        var id = (await first.Body()).GetProperty("id").GetString()!;
        Assert.Equal(id, (await again.Body()).GetProperty("id").GetString());
        var workflow = await Finished(id);
        Assert.Equal(colleague, Assert.Single(workflow.GetProperty("appointments").EnumerateArray()).GetProperty("newDoctorId").GetString());
        Assert.Equal(colleague, (await (await desk.GetAsync($"/api/v1/appointments/{appointment}")).Body()).GetProperty("doctorId").GetString());

        // Planned leave closes the window only: the doctor stays available and the next day is still offered.
        Assert.Equal("available", (await (await desk.GetAsync($"/api/v1/doctors/{absent}")).Body()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await desk.PostIdempotent("/api/v1/appointments", new { doctorId = absent, patientId = await TestPatients.Register(api), start = ClinicCalls.At(day, 11, 0) }, "b-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await desk.PostIdempotent("/api/v1/appointments", new { doctorId = absent, patientId = await TestPatients.Register(api), start = ClinicCalls.At(day.PlusDays(1), 11, 0) }, "b-" + Guid.NewGuid())).StatusCode);

        var back = await self.PostAsync($"/api/v1/doctors/{absent}/return", null);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("available", (await back.Body()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_return_while_the_workflow_runs_stops_it_and_leaves_every_appointment_either_moved_or_untouched()
    {
        var location = Location();
        var (absent, colleague) = (await api.CreateDoctor(location: location), await api.CreateDoctor(location: location));
        var desk = await Desk();
        var days = new[] { ClinicCalls.FutureWeekday(4, IsoDayOfWeek.Monday), ClinicCalls.FutureWeekday(4, IsoDayOfWeek.Tuesday) };
        var booked = new List<string>();
        foreach (var day in days)
        {
            for (var slot = 0; slot < 12; slot++)
            {
                booked.Add(await Book(desk, absent, await TestPatients.Register(api), day, 9 + (slot / 4), slot % 4 * 15));
            }
        }

        var manager = await Manager();
        var started = await Unavailable(manager, absent, Instant(days[0], 0, 0), Instant(days[1].PlusDays(1), 0, 0), "emergency");
        var id = (await started.Body()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/doctors/{absent}/return", null)).StatusCode);

        var workflow = await Finished(id);
        var items = workflow.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal(booked.Count, items.Count);
        Assert.DoesNotContain(items, i => i.GetProperty("outcome").GetString() == "pending");
        foreach (var item in items)
        {
            var appointment = await (await desk.GetAsync($"/api/v1/appointments/{item.GetProperty("appointmentId").GetString()}")).Body();
            var expected = item.GetProperty("outcome").GetString() == "moved" ? colleague : absent;
            Assert.Equal(expected, appointment.GetProperty("doctorId").GetString());
            Assert.Equal("booked", appointment.GetProperty("status").GetString());
        }

        if (workflow.GetProperty("status").GetString() == "cancelled")
        {
            Assert.Contains(items, i => i.GetProperty("outcome").GetString() == "not_reached");
        }

        Assert.Equal("available", (await (await desk.GetAsync($"/api/v1/doctors/{absent}")).Body()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_doctor_themself_practice_managers_and_admins_declare_an_absence_and_only_staff_read_a_workflow()
    {
        var absent = await api.CreateDoctor(location: Location());
        var window = (From: SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(30), To: SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(31));
        foreach (var caller in new[] { await api.SignIn(await TestPatients.Register(api), "patient"), await api.SignIn(await api.CreateDoctor(), "doctor"), await Desk() })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Unavailable(caller, absent, window.From, window.To, "planned")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync($"/api/v1/doctors/{absent}/return", null)).StatusCode);
        }

        var started = await Unavailable(await api.SignIn("staff-admin", "admin"), absent, window.From, window.To, "planned");
        var id = (await started.Body()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignIn(absent, "doctor")).GetAsync($"/api/v1/reassignments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await Desk()).GetAsync($"/api/v1/reassignments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await Desk()).GetAsync("/api/v1/reassignments/r-none")).StatusCode);
    }

    [Fact]
    public async Task Planned_leave_shows_on_leave_while_it_lasts_on_the_profile_and_the_schedule_stream_and_outside_it_the_doctor_is_bookable()
    {
        var absent = await api.CreateDoctor(location: Location());
        var desk = await Desk();
        await using var live = await SseReader.Open(desk, $"/api/v1/doctors/{absent}/schedule/events");
        var now = SystemClock.Instance.GetCurrentInstant();

        // Leave that begins in a few seconds: available until then, on leave once the doctor's reminder fires.
        Assert.Equal(HttpStatusCode.Accepted, (await Unavailable(await Manager(), absent, now + Duration.FromSeconds(4), now + Duration.FromDays(2), "planned")).StatusCode);
        Assert.Equal("available", await Status(absent));
        var events = await live.ReadUntil(e => e.Any(m => m.Event == "doctor.status" && m.Json.GetProperty("entity").GetProperty("status").GetString() == "on_leave"), TimeSpan.FromSeconds(60));
        Assert.Equal("available", events.First(m => m.Event == "doctor.status").Json.GetProperty("entity").GetProperty("status").GetString());
        Assert.Equal("on_leave", await Status(absent));

        // Leave closes its window only: a slot next week is still bookable, and a return ends the leave at once.
        var nextWeek = ClinicCalls.FutureWeekday(2, IsoDayOfWeek.Wednesday);
        await Book(desk, absent, await TestPatients.Register(api), nextWeek, 9, 0);
        Assert.Equal(HttpStatusCode.OK, (await (await Manager()).PostAsync($"/api/v1/doctors/{absent}/return", null)).StatusCode);
        Assert.Equal("available", await Status(absent));
        await live.ReadUntil(e => e.Count(m => m.Event == "doctor.status" && m.Json.GetProperty("entity").GetProperty("status").GetString() == "available") >= 2, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Leave_declared_months_ahead_is_accepted_and_leaves_the_doctor_available_until_then()
    {
        // Orleans waits at most ~49 days for a reminder's first tick; leave further away must still be recorded.
        var absent = await api.CreateDoctor(location: Location());
        var now = SystemClock.Instance.GetCurrentInstant();
        var response = await Unavailable(await Manager(), absent, now + Duration.FromDays(120), now + Duration.FromDays(127), "planned");
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        Assert.Equal("available", await Status(absent));
    }

    [Theory]
    [InlineData(2, 1, null, "to")]
    [InlineData(-3, -2, null, "to")]
    [InlineData(1, 200, null, "to")]
    [InlineData(1, 2, "sabbatical", "kind")]
    public async Task A_bad_window_is_422_and_starts_nothing(int fromDays, int toDays, string? kind, string field)
    {
        var absent = await api.CreateDoctor(location: Location());
        var now = SystemClock.Instance.GetCurrentInstant();
        var response = await Unavailable(await Manager(), absent, now + Duration.FromDays(fromDays), now + Duration.FromDays(toDays), kind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal("available", (await (await (await Desk()).GetAsync($"/api/v1/doctors/{absent}")).Body()).GetProperty("status").GetString());
    }

    private async Task<JsonElement> Finished(string workflowId)
    {
        var desk = await Desk();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(50, TestContext.Current.CancellationToken))
        {
            var workflow = await (await desk.GetAsync($"/api/v1/reassignments/{workflowId}")).Body();
            if (workflow.GetProperty("status").GetString() != "running")
            {
                return workflow;
            }

            Assert.True(DateTime.UtcNow < deadline, $"workflow {workflowId} still running");
        }
    }

    private static async Task<string> Book(HttpClient desk, string doctor, string patient, LocalDate day, int hour, int minute)
    {
        var response = await desk.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(day, hour, minute) }, "b-" + Guid.NewGuid());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> Unavailable(HttpClient client, string doctor, Instant from, Instant to, string? kind, string? key = null) =>
        client.PostIdempotent($"/api/v1/doctors/{doctor}/unavailability", new { from = from.ToString(), to = to.ToString(), reason = "unwell", kind }, key ?? "u-" + Guid.NewGuid());

    private static Instant Instant(LocalDate day, int hour, int minute) =>
        day.At(new LocalTime(hour, minute)).InZoneLeniently(DateTimeZoneProviders.Tzdb["Australia/Sydney"]).ToInstant();

    private async Task<string?> Status(string doctor) =>
        (await (await (await Desk()).GetAsync($"/api/v1/doctors/{doctor}")).Body()).GetProperty("status").GetString();

    private Task<HttpClient> Desk() => api.SignIn("staff-reassign-desk", "receptionist");

    private Task<HttpClient> Manager() => api.SignIn("staff-reassign-manager", "practice_manager");

    private static string Location() => "loc-" + Guid.NewGuid().ToString("N")[..8];
}
