using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>The page shows each role only what the API lets it do: doctors their own day, admins no bookings, patients nothing.</summary>
public sealed class RoleLimitsTests(DashboardClinic clinic)
{
    [Fact]
    public async Task A_doctor_sees_only_their_own_day_and_can_check_patients_in_but_not_book()
    {
        var page = await clinic.SignedIn("d-wattle", "doctor");
        await FrontDeskTests.Open(page, FrontDeskTests.Day(weeksAhead: 4));

        await Expect(page.Locator("section.doctor")).ToHaveCountAsync(1);
        await Expect(FrontDeskTests.Wattle(page)).ToBeVisibleAsync();
        await Expect(page.Locator("li[data-kind='free'] button")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_sees_every_doctor_but_no_booking_buttons()
    {
        var page = await clinic.SignedIn("s-admin-ui", "admin");
        await FrontDeskTests.Open(page, FrontDeskTests.Day(weeksAhead: 4));

        await Expect(page.Locator("section.doctor")).ToHaveCountAsync(3);
        await Expect(page.Locator("li[data-kind='free']").First).ToBeVisibleAsync();
        await Expect(page.Locator("li[data-kind='free'] button")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_patients_token_opens_nothing_and_says_why()
    {
        using var http = new HttpClient { BaseAddress = clinic.Address };
        var token = await (await http.PostAsJsonAsync("/dev/token", new { subject = "p-demo-1", roles = new[] { "patient" } })).Content.ReadFromJsonAsync<Token>();
        var context = await clinic.Browser.NewContextAsync(new() { BaseURL = clinic.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        // Only once the page has looked for a token and found none; else it would find this one and forget it first.
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.EvaluateAsync("t => sessionStorage.setItem('orleans-clinic.token', t)", token!.access_token);

        await page.ReloadAsync();

        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("for clinic staff");
        await Expect(page.Locator("#day")).ToBeHiddenAsync();
        await FrontDeskTests.Screenshot(page, "sign-in");
    }

    [Fact]
    public async Task The_day_view_fits_a_tablet_held_upright()
    {
        var page = await clinic.SignedIn("s-desk-tablet", "receptionist", width: 768, height: 1024);
        await FrontDeskTests.Open(page, FrontDeskTests.Day(weeksAhead: 4));

        // No sideways scrolling: the columns stack.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await FrontDeskTests.Screenshot(page, "day-view-tablet");
    }

#pragma warning disable IDE1006, CA1812 // the token response's own spelling
    private sealed record Token(string access_token);
#pragma warning restore IDE1006, CA1812
}
