using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>The page for someone without a mouse or without sight of it: named controls, and a booking made with the keyboard alone.</summary>
public sealed class AccessibilityTests(DashboardClinic clinic)
{
    [Fact]
    public async Task Every_control_has_a_name_a_screen_reader_can_say()
    {
        var page = await clinic.SignedIn("s-desk-a11y", "practice_manager");
        await FrontDeskTests.Open(page, FrontDeskTests.Day(weeksAhead: 6));

        // Inputs, selects and buttons on every view, shown or not: each needs a label, aria-label or text.
        var unnamed = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('input, select, button, textarea')]
              .filter(e => e.type !== 'hidden')
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
              .map(e => e.outerHTML.slice(0, 80))
            """);
        Assert.Empty(unnamed);
        Assert.Equal("en-AU", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
    }

    [Fact]
    public async Task A_booking_can_be_made_with_the_keyboard_alone()
    {
        var page = await clinic.SignedIn("s-desk-keys", "receptionist");
        await FrontDeskTests.Open(page, FrontDeskTests.Day(weeksAhead: 6));

        await FrontDeskTests.Wattle(page).GetByRole(AriaRole.Button, new() { Name = "Book Dr Demo Wattle at 11:30", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#book-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("demo-5@example.test");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#book-submit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#book-dialog")).ToBeHiddenAsync();
        await Expect(FrontDeskTests.Wattle(page).Locator("li[data-kind='appointment']", new() { HasText = "p-demo-5" })).ToBeVisibleAsync();
    }
}
