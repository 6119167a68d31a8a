using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Gateway.Tests;

public sealed class SlotSearchTests(ClinicApi api)
{
    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(1_000)]
    public async Task A_limited_search_answers_the_earliest_free_slots_of_the_full_search(int limit)
    {
        // Three doctors of 12 slots a weekday: 5 fit in the first day, 40 need the second, 1,000 is more than the week has.
        var (patient, location, monday, booked) = await ClinicOfThree();
        var week = $"specialty=general_practice&locationId={location}&from={Uri.EscapeDataString(ClinicCalls.At(monday, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(monday.PlusDays(7), 0, 0))}";

        var all = (await (await patient.GetAsync("/api/v1/slots?" + week)).Body()).EnumerateArray().Select(Key).ToList();
        var response = await patient.GetAsync($"/api/v1/slots?{week}&limit={limit}");
        var limited = (await response.Body()).EnumerateArray().Select(Key).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3 * 5 * 12) - 1, all.Count);
        Assert.DoesNotContain(booked, all);
        Assert.Equal(all.Take(limit), limited);
    }

    [Fact]
    public async Task A_week_search_asks_no_schedule_of_a_day_the_doctor_does_not_work()
    {
        // The test doctors work weekdays only: the weekend of the searched week has nothing to offer, so no call.
        var (patient, location, monday, _) = await ClinicOfThree();
        var doctor = (await (await patient.GetAsync($"/api/v1/doctors?locationId={location}")).Body()).EnumerateArray().First().GetProperty("id").GetString()!;
        var week = $"locationId={location}&from={Uri.EscapeDataString(ClinicCalls.At(monday, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(monday.PlusDays(7), 0, 0))}";

        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync("/api/v1/slots?" + week)).StatusCode);

        var management = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        async Task<bool> Asked(LocalDate day) =>
            await management.GetActivationAddress(api.Services.GetRequiredService<IGrainFactory>().GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(doctor, day))) is not null;
        Assert.True(await Asked(monday.PlusDays(1)));
        Assert.False(await Asked(monday.PlusDays(5)));
        Assert.False(await Asked(monday.PlusDays(6)));
    }

    [Fact]
    public async Task A_slot_booked_after_a_search_leaves_the_next_and_comes_back_when_cancelled()
    {
        var (patient, location, monday, _) = await ClinicOfThree();
        var week = $"specialty=general_practice&locationId={location}&from={Uri.EscapeDataString(ClinicCalls.At(monday, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(monday.PlusDays(7), 0, 0))}";
        var before = await Search(patient, week);
        var doctor = before[^1].Split('@')[0];
        var start = ClinicCalls.At(monday.PlusDays(1), 10, 0);
        var key = doctor + "@" + DateTimeOffset.Parse(start, null).ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(key, before);

        var patientId = await TestPatients.Register(api);
        var booker = await api.SignIn(patientId, "patient");
        var booking = await booker.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId, start }, "k-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, booking.StatusCode);
        var booked = await SearchUntil(patient, week, slots => !slots.Contains(key));
        Assert.Equal(before.Count - 1, booked.Count);

        var id = (await booking.Body()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await booker.PostIdempotent($"/api/v1/appointments/{id}/cancel", new { }, "c-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(before, await SearchUntil(patient, week, slots => slots.Contains(key)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_001)]
    public async Task A_limit_out_of_range_is_a_422_naming_it(int limit)
    {
        var (patient, location, monday, _) = await ClinicOfThree();
        var response = await patient.GetAsync($"/api/v1/slots?locationId={location}&from={Uri.EscapeDataString(ClinicCalls.At(monday, 0, 0))}&to={Uri.EscapeDataString(ClinicCalls.At(monday.PlusDays(7), 0, 0))}&limit={limit}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty("limit", out _));
    }

    // Three doctors at a location of their own, the first one's 09:00 on Monday booked; slots keyed by doctor and instant.
    private async Task<(HttpClient Patient, string Location, LocalDate Monday, string Booked)> ClinicOfThree()
    {
        var location = "loc-search-" + Guid.NewGuid().ToString("N")[..8];
        var doctors = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            doctors.Add(await api.CreateDoctor(location: location));
        }

        var patientId = await TestPatients.Register(api);
        var patient = await api.SignIn(patientId, "patient");
        var monday = ClinicCalls.FutureWeekday(weeksAhead: 3, IsoDayOfWeek.Monday);
        var start = ClinicCalls.At(monday, 9, 0);
        var booking = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctors[0], patientId, start }, "k-" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, booking.StatusCode);
        return (patient, location, monday, doctors[0] + "@" + DateTimeOffset.Parse(start, null).ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<string>> Search(HttpClient client, string query) =>
        [.. (await (await client.GetAsync("/api/v1/slots?" + query)).Body()).EnumerateArray().Select(Key)];

    // The search reads the clinic's day availability, which schedule days update one way: it may trail a change a moment.
    private static async Task<List<string>> SearchUntil(HttpClient client, string query, Func<List<string>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var slots = await Search(client, query);
        while (!done(slots) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            slots = await Search(client, query);
        }

        Assert.True(done(slots), "The search did not catch up with the change.");
        return slots;
    }

    private static string Key(System.Text.Json.JsonElement slot) =>
        slot.GetProperty("doctorId").GetString() + "@" + slot.GetProperty("start").GetDateTimeOffset().ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
