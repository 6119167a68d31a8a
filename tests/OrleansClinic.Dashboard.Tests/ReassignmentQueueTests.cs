using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>
/// A practice manager marks a doctor away from the page; the front desk sees their patients moved to a colleague, the
/// one nobody could take waiting in the re-assignment queue, and settles it with one click.
/// </summary>
public sealed class ReassignmentQueueTests(DashboardClinic clinic)
{
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_doctor_made_unavailable_shows_their_patients_moved_and_the_rest_settled_in_one_click()
    {
        var day = FrontDeskTests.Day(weeksAhead: 5);
        using var desk = await clinic.Api("s-desk-scene", "receptionist");
        // Dr Banksia (the only colleague of the same specialty there) is busy at 09:00 but free at 10:00.
        await Book(desk, "d-banksia", "p-demo-1", day, 9, 0);
        await Book(desk, "d-wattle", "p-demo-2", day, 9, 0);
        await Book(desk, "d-wattle", "p-demo-4", day, 10, 0);

        var watcher = await clinic.SignedIn("s-desk-queue", "receptionist");
        var manager = await clinic.SignedIn("s-manager-ui", "practice_manager");
        await FrontDeskTests.Open(watcher, day);
        await FrontDeskTests.Open(manager, day);

        await manager.GetByRole(AriaRole.Button, new() { Name = "Mark Dr Demo Wattle unavailable", Exact = true }).ClickAsync();
        await manager.GetByLabel("When").SelectOptionAsync("planned");
        await manager.GetByLabel("First day away").FillAsync(Iso(day));
        await manager.GetByLabel("Last day away").FillAsync(Iso(day));
        await manager.GetByRole(AriaRole.Button, new() { Name = "Mark unavailable", Exact = true }).ClickAsync();
        await Expect(manager.Locator("#absence-dialog")).Not.ToBeVisibleAsync();

        // The front desk sees it happen: 10:00 moved to Dr Banksia, 09:00 waiting with the times still free.
        var banksia = watcher.Locator("section.doctor[data-doctor-id='d-banksia']");
        await Expect(banksia.Locator("li[data-kind='appointment']", new() { HasText = "p-demo-4" })).ToBeVisibleAsync(new() { Timeout = Ms(Settled) });
        await Expect(watcher.Locator("#doctor-d-wattle")).ToContainTextAsync("away this day", new() { Timeout = Ms(Settled) });
        var queue = watcher.Locator("#reassignments article.workflow");
        await Expect(queue).ToContainTextAsync("1 moved, 1 need attention", new() { Timeout = Ms(Settled) });
        var waiting = queue.Locator("li", new() { HasText = "p-demo-2" });
        await Expect(waiting).ToBeVisibleAsync();
        await FrontDeskTests.Screenshot(watcher, "reassignments");

        // One click books the first time offered.
        var offer = waiting.GetByRole(AriaRole.Button).First;
        var label = await offer.GetAttributeAsync("aria-label");
        Assert.StartsWith("Move p-demo-2 to Dr Demo Banksia at ", label, StringComparison.Ordinal);
        await offer.ClickAsync();

        await Expect(waiting).ToHaveCountAsync(0, new() { Timeout = Ms(Settled) });
        var time = label!["Move p-demo-2 to Dr Demo Banksia at ".Length..];
        await Expect(banksia.Locator("li[data-kind='appointment'][data-status='booked']", new() { HasText = "p-demo-2" })
            .Filter(new() { Has = watcher.Locator($"time:text-is('{time}')") })).ToBeVisibleAsync(new() { Timeout = Ms(Settled) });
    }

    internal static async Task Book(HttpClient desk, string doctorId, string patientId, LocalDate day, int hour, int minute)
    {
        var start = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Format(
            day.At(new LocalTime(hour, minute)).InZoneLeniently(DateTimeZoneProviders.Tzdb["Australia/Sydney"]).ToOffsetDateTime());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(new { doctorId, patientId, start }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await desk.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{doctorId} {patientId} {start}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Iso(LocalDate day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;
}
