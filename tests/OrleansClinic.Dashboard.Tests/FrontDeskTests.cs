using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>
/// The front desk in Chromium: a receptionist books, moves and cancels through the page while a second browser, open
/// on the same day, shows each change within a second without a reload.
/// </summary>
public sealed class FrontDeskTests(DashboardClinic clinic)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_receptionist_books_moves_and_cancels_and_another_browser_sees_each_change_within_a_second()
    {
        var day = Day(weeksAhead: 2);
        var desk = await clinic.SignedIn("s-desk-one", "receptionist");
        var watcher = await clinic.SignedIn("s-desk-two", "receptionist");
        await Open(desk, day);
        await Open(watcher, day);
        await Screenshot(desk, "day-view");

        // Book Numbat (found by email) with Dr Wattle at 09:30.
        await Wattle(desk).GetByRole(AriaRole.Button, new() { Name = "Book Dr Demo Wattle at 09:30", Exact = true }).ClickAsync();
        await desk.GetByLabel("Find the patient by name, phone").FillAsync("demo-3@example.test");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        await Expect(desk.GetByLabel("Demo Numbat, born")).ToBeCheckedAsync();
        await Screenshot(desk, "book-dialog");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(Appointment(desk, "09:30", "booked")).ToBeVisibleAsync();
        var booked = Stopwatch.StartNew();
        await Expect(Appointment(watcher, "09:30", "booked")).ToBeVisibleAsync(new() { Timeout = Within(booked) });
        Took("booking", booked);
        await Screenshot(desk, "day-view-booked");

        // Move it to 10:00: the watcher sees it leave 09:30 (free again) and arrive at 10:00.
        await Wattle(desk).GetByRole(AriaRole.Button, new() { Name = "Move p-demo-3 at 09:30", Exact = true }).ClickAsync();
        await desk.GetByLabel("New time with the same doctor").SelectOptionAsync(new SelectOptionValue { Label = "10:00" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(Appointment(desk, "10:00", "booked")).ToBeVisibleAsync();
        var moved = Stopwatch.StartNew();
        await Expect(Appointment(watcher, "10:00", "booked")).ToBeVisibleAsync(new() { Timeout = Within(moved) });
        Took("move", moved);
        await Expect(Free(watcher, "09:30")).ToBeVisibleAsync();

        // Cancel it, confirmed in the browser's own dialog: the watcher sees 10:00 free again.
        desk.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Wattle(desk).GetByRole(AriaRole.Button, new() { Name = "Cancel p-demo-3 at 10:00", Exact = true }).ClickAsync();
        await Expect(Free(desk, "10:00")).ToBeVisibleAsync();
        var cancelled = Stopwatch.StartNew();
        await Expect(Free(watcher, "10:00")).ToBeVisibleAsync(new() { Timeout = Within(cancelled) });
        Took("cancellation", cancelled);
        await Expect(Appointment(watcher, "10:00", "booked")).ToHaveCountAsync(0);
        await Expect(watcher.Locator("#live-status")).ToHaveTextAsync("Live");
    }

    [Fact]
    public async Task A_refused_booking_is_explained_in_the_dialog_and_changes_nothing()
    {
        var day = Day(weeksAhead: 3);
        var desk = await clinic.SignedIn("s-desk-three", "receptionist");
        await Open(desk, day);

        await Wattle(desk).GetByRole(AriaRole.Button, new() { Name = "Book Dr Demo Wattle at 11:00", Exact = true }).ClickAsync();
        await desk.GetByLabel("Patient id").FillAsync("p-nobody-registered");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await Expect(desk.Locator("#book-error")).Not.ToBeEmptyAsync();
        await Expect(desk.Locator("#book-dialog")).ToBeVisibleAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).First.ClickAsync();
        await Expect(Free(desk, "11:00")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_receptionist_finds_the_patient_by_family_name_in_the_booking_dialog()
    {
        var day = Day(weeksAhead: 9);
        var desk = await clinic.SignedIn("s-desk-names", "receptionist");
        await Open(desk, day);
        await Wattle(desk).GetByRole(AriaRole.Button, new() { Name = "Book Dr Demo Wattle at 14:00", Exact = true }).ClickAsync();
        var search = desk.GetByLabel("Find the patient by name, phone (+61…) or email");
        var find = desk.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true });

        // A name nobody has: the same message as for an unknown phone or email.
        await search.FillAsync("Nobody Registered");
        await find.ClickAsync();
        await Expect(desk.Locator("#book-error")).ToHaveTextAsync("No registered patient matches that search.");

        // Every demo patient is a Demo: several matches, none chosen for the receptionist.
        await search.FillAsync("demo");
        await find.ClickAsync();
        await Expect(desk.GetByLabel("Demo Bilby, born")).Not.ToBeCheckedAsync();
        await Expect(desk.GetByLabel("Demo Numbat, born")).ToBeVisibleAsync();

        await search.FillAsync("bilby");
        await find.ClickAsync();
        await Expect(desk.GetByLabel("Demo Bilby, born")).ToBeCheckedAsync();
        await Expect(desk.GetByLabel("Demo Numbat, born")).ToHaveCountAsync(0);
        await Expect(desk.Locator("#book-error")).ToBeEmptyAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await Expect(Wattle(desk).Locator("li[data-kind='appointment'][data-status='booked']", new() { HasText = "p-demo-4" })
            .Filter(new() { Has = desk.Locator("time:text-is('14:00')") })).ToBeVisibleAsync();
    }

    internal static LocalDate Day(int weeksAhead) =>
        SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Australia/Sydney"]).Date.PlusWeeks(weeksAhead).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Wednesday));

    internal static async Task Open(IPage page, LocalDate day)
    {
        await Expect(page.Locator("#day")).ToBeVisibleAsync();
        await page.GetByLabel("Location").SelectOptionAsync("loc-sydney-cbd");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Live");
        await Expect(page.Locator("section.doctor li").First).ToBeVisibleAsync();
    }

    internal static ILocator Wattle(IPage page) => page.Locator("section.doctor[data-doctor-id='d-wattle']");

    private static ILocator Appointment(IPage page, string time, string status) =>
        Wattle(page).Locator($"li[data-kind='appointment'][data-status='{status}']", new() { HasText = "p-demo-3" }).Filter(new() { Has = page.Locator($"time:text-is('{time}')") });

    private static ILocator Free(IPage page, string time) =>
        Wattle(page).Locator("li[data-kind='free']").Filter(new() { Has = page.Locator($"time:text-is('{time}')") });

    // What is left of the second since the desk saw its change made: the watcher must show it by then.
    private static float Within(Stopwatch since) => (float)Math.Max(1, (Live - since.Elapsed).TotalMilliseconds);

    private static void Took(string change, Stopwatch since) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"The second browser showed the {change} {since.ElapsedMilliseconds} ms after the first did.");

    internal static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(DashboardClinic.Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardClinic.Screenshots, name + ".png"), FullPage = true });
    }
}
