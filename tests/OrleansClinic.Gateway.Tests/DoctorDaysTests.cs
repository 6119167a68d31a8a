using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Gateway.Tests;

/// <summary>A doctor's week and the slots taken for something unfinished, as the dashboard's day and week views read them.</summary>
public sealed class DoctorDaysTests(ClinicApi api)
{
    [Fact]
    public async Task A_week_of_appointments_comes_in_one_read_and_one_day_stays_one_day()
    {
        var doctor = await api.CreateDoctor();
        var desk = await api.SignIn("staff-reception", "receptionist");
        var monday = ClinicCalls.FutureWeekday(day: IsoDayOfWeek.Monday);
        var first = await Book(desk, doctor, ClinicCalls.At(monday, 9, 0));
        var third = await Book(desk, doctor, ClinicCalls.At(monday.PlusDays(2), 10, 0));
        var nextWeek = await Book(desk, doctor, ClinicCalls.At(monday.PlusDays(7), 9, 0));

        var week = await Ids(desk, $"/api/v1/doctors/{doctor}/appointments?date={monday:yyyy-MM-dd}&days=7");
        var day = await Ids(desk, $"/api/v1/doctors/{doctor}/appointments?date={monday:yyyy-MM-dd}");

        Assert.Equal([first, third], week);
        Assert.DoesNotContain(nextWeek, week);
        Assert.Equal([first], day);
    }

    [Theory]
    [InlineData("days=0")]
    [InlineData("days=8")]
    public async Task More_than_a_week_or_no_days_is_a_problem_naming_days(string days)
    {
        var doctor = await api.CreateDoctor();
        var desk = await api.SignIn("staff-reception", "receptionist");
        foreach (var resource in new[] { "appointments", "held" })
        {
            var response = await desk.GetAsync($"/api/v1/doctors/{doctor}/{resource}?date={ClinicCalls.FutureWeekday():yyyy-MM-dd}&{days}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.True((await response.Body()).GetProperty("errors").TryGetProperty("days", out _));
        }
    }

    [Fact]
    public async Task A_hold_shows_as_held_not_free_and_not_as_an_appointment()
    {
        var doctor = await api.CreateDoctor();
        var desk = await api.SignIn("staff-reception", "receptionist");
        var day = ClinicCalls.FutureWeekday();
        var start = Instant(ClinicCalls.At(day, 10, 30));
        var held = await Schedule(doctor, day).Hold("a-hold-" + Guid.NewGuid().ToString("N")[..8], start, Duration.FromMinutes(5));
        Assert.True(held.Succeeded);

        var shown = (await (await desk.GetAsync($"/api/v1/doctors/{doctor}/held?date={day:yyyy-MM-dd}")).Body()).EnumerateArray().ToList();

        var slot = Assert.Single(shown);
        Assert.Equal("hold", slot.GetProperty("why").GetString());
        Assert.Equal(start.ToDateTimeOffset(), slot.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("Australia/Sydney", slot.GetProperty("timeZone").GetString());
        Assert.Empty(await Ids(desk, $"/api/v1/doctors/{doctor}/appointments?date={day:yyyy-MM-dd}"));
        var free = await (await desk.GetAsync($"/api/v1/doctors/{doctor}/slots?from={Uri.EscapeDataString(ClinicCalls.At(day, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0))}")).Body();
        Assert.DoesNotContain(free.EnumerateArray(), s => s.GetProperty("start").GetDateTimeOffset() == start.ToDateTimeOffset());
    }

    [Fact]
    public async Task A_move_half_done_shows_the_appointment_once_where_it_is_and_its_new_slot_held()
    {
        var doctor = await api.CreateDoctor();
        var desk = await api.SignIn("staff-reception", "receptionist");
        var monday = ClinicCalls.FutureWeekday(day: IsoDayOfWeek.Monday);
        var id = await Book(desk, doctor, ClinicCalls.At(monday, 9, 0));
        // The reschedule saga's first step, taken alone: the appointment takes Tuesday's slot before it lets Monday's go.
        var tuesday = monday.PlusDays(1);
        var target = Instant(ClinicCalls.At(tuesday, 11, 0));
        Assert.True((await Schedule(doctor, tuesday).Book(id, target)).Succeeded);

        var week = await Ids(desk, $"/api/v1/doctors/{doctor}/appointments?date={monday:yyyy-MM-dd}&days=7");
        var held = (await (await desk.GetAsync($"/api/v1/doctors/{doctor}/held?date={monday:yyyy-MM-dd}&days=7")).Body()).EnumerateArray().ToList();

        Assert.Equal([id], week);
        var slot = Assert.Single(held);
        Assert.Equal("move", slot.GetProperty("why").GetString());
        Assert.Equal(target.ToDateTimeOffset(), slot.GetProperty("start").GetDateTimeOffset());
        Assert.Empty(await Ids(desk, $"/api/v1/doctors/{doctor}/appointments?date={tuesday:yyyy-MM-dd}"));
    }

    [Fact]
    public async Task Held_slots_are_for_the_doctor_and_the_front_desk_only()
    {
        var (mine, theirs) = (await api.CreateDoctor(), await api.CreateDoctor());
        var date = ClinicCalls.FutureWeekday().ToString("yyyy-MM-dd", null);
        var doctor = await api.SignIn(mine, "doctor");
        Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync($"/api/v1/doctors/{mine}/held?date={date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync($"/api/v1/doctors/{theirs}/held?date={date}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignIn("p-demo-2", "patient")).GetAsync($"/api/v1/doctors/{mine}/held?date={date}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await api.SignIn("staff-reception", "receptionist")).GetAsync($"/api/v1/doctors/d-nobody/held?date={date}")).StatusCode);
    }

    private IDoctorScheduleGrain Schedule(string doctor, LocalDate day) =>
        api.Services.GetRequiredService<IGrainFactory>().GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor, day));

    private static Instant Instant(string offsetDateTime) => OffsetDateTimePattern.ExtendedIso.Parse(offsetDateTime).Value.ToInstant();

    private async Task<string> Book(HttpClient desk, string doctor, string start)
    {
        var patientId = await TestPatients.Register(api);
        var response = await desk.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start }, "b-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> Ids(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Body()).EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
    }
}
