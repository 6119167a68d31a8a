using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Schedules;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>The week at a glance, kept live, and slots held by something unfinished shown as held, not free or booked.</summary>
public sealed class WeekViewTests(DashboardClinic clinic)
{
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    [Fact]
    public async Task The_week_counts_each_days_appointments_live_and_opens_a_day()
    {
        var day = FrontDeskTests.Day(weeksAhead: 7);
        var desk = await clinic.SignedIn("s-desk-week", "receptionist");
        await FrontDeskTests.Open(desk, day);
        await desk.GetByLabel("Show").SelectOptionAsync("week");
        var wednesday = Cell(desk, day);
        await Expect(wednesday).ToHaveAttributeAsync("data-booked", "0");
        var free = int.Parse(await wednesday.GetAttributeAsync("data-free") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(free > 0, "Dr Wattle works on Wednesdays");

        // Booked elsewhere, by someone else: the week shows it without a reload.
        var api = await clinic.Api("s-desk-other", "receptionist");
        await ReassignmentQueueTests.Book(api, "d-wattle", "p-demo-2", day, 9, 15);
        await Expect(wednesday).ToHaveAttributeAsync("data-booked", "1");
        await Expect(wednesday).ToHaveAttributeAsync("data-free", (free - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(wednesday).ToContainTextAsync("1 booked");
        await Expect(Cell(desk, day.PlusDays(1))).ToHaveAttributeAsync("data-booked", "0");
        await FrontDeskTests.Screenshot(desk, "week-view");

        var longDate = day.ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture);
        await desk.GetByRole(AriaRole.Button, new() { Name = $"Open Dr Demo Wattle on {longDate}", Exact = true }).ClickAsync();
        await Expect(desk.GetByLabel("Show")).ToHaveValueAsync("day");
        await Expect(FrontDeskTests.Wattle(desk).Locator("li[data-kind='appointment']", new() { HasText = "p-demo-2" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_held_slot_shows_as_held_live_in_the_day_and_the_week()
    {
        var day = FrontDeskTests.Day(weeksAhead: 8);
        var desk = await clinic.SignedIn("s-desk-held", "receptionist");
        await FrontDeskTests.Open(desk, day);
        var start = Sydney.AtStrictly(day.At(new LocalTime(10, 45))).ToInstant();
        await Expect(FrontDeskTests.Wattle(desk).Locator("li[data-kind='free']").Filter(new() { Has = desk.Locator("time:text-is('10:45')") })).ToBeVisibleAsync();

        var schedule = clinic.Services.GetRequiredService<IGrainFactory>().GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format("d-wattle", day));
        Assert.True((await schedule.Hold("a-held-by-test", start, Duration.FromMinutes(10))).Succeeded);

        var held = FrontDeskTests.Wattle(desk).Locator("li[data-kind='held']").Filter(new() { Has = desk.Locator("time:text-is('10:45')") });
        await Expect(held).ToBeVisibleAsync();
        await Expect(held).ToContainTextAsync("Held");
        await Expect(FrontDeskTests.Wattle(desk).Locator("li[data-kind='free']").Filter(new() { Has = desk.Locator("time:text-is('10:45')") })).ToHaveCountAsync(0);
        Assert.Equal(0, await held.GetByRole(AriaRole.Button).CountAsync());
        await FrontDeskTests.Screenshot(desk, "day-view-held");

        await desk.GetByLabel("Show").SelectOptionAsync("week");
        await Expect(Cell(desk, day)).ToHaveAttributeAsync("data-held", "1");
        await Expect(Cell(desk, day)).ToContainTextAsync("1 held");
    }

    private static ILocator Cell(IPage page, LocalDate day) =>
        page.Locator($"tr[data-doctor-id='d-wattle'] td[data-date='{day:yyyy-MM-dd}']");
}
