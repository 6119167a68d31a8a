using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>The views beside the day: staff and roles for admins, the audit trail and its check for practice managers, undelivered notices for the desk.</summary>
public sealed class BackOfficeTests(DashboardClinic clinic)
{
    [Fact]
    public async Task An_admin_creates_a_staff_member_and_changes_their_roles_and_a_practice_manager_may_only_look()
    {
        var admin = await clinic.SignedIn("s-admin-office", "admin");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Staff", Exact = true }).ClickAsync();
        await admin.Locator("#staff").GetByLabel("Staff id").FillAsync("s-new-receptionist");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Look up", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#staff-error")).ToContainTextAsync("No staff member s-new-receptionist yet");

        await admin.GetByLabel("receptionist", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create staff member", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#staff-history li")).ToHaveCountAsync(1);

        await admin.GetByLabel("practice manager", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save roles", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#staff-history li")).ToHaveCountAsync(2);
        await Expect(admin.Locator("#staff-history li").Last).ToContainTextAsync("receptionist → receptionist, practice_manager");
        await FrontDeskTests.Screenshot(admin, "staff");

        var manager = await clinic.SignedIn("s-manager-office", "practice_manager");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Staff", Exact = true }).ClickAsync();
        await manager.Locator("#staff").GetByLabel("Staff id").FillAsync("s-new-receptionist");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Look up", Exact = true }).ClickAsync();
        await Expect(manager.GetByLabel("practice manager", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(manager.GetByLabel("practice manager", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Save roles" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_staff_list_shows_a_member_added_through_the_api_an_admin_opens_and_changes_them_and_a_practice_manager_only_looks()
    {
        var id = "s-listed-" + Guid.NewGuid().ToString("N")[..8];
        using (var api = await clinic.Api("s-admin-lister", "admin"))
        {
            (await api.PostAsJsonAsync("/api/v1/staff", new { id, roles = new[] { "doctor" }, doctorId = "d-banksia" })).EnsureSuccessStatusCode();
        }

        var admin = await clinic.SignedIn("s-admin-lister", "admin");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Staff", Exact = true }).ClickAsync();
        var row = admin.Locator("#staff-table tbody tr", new() { HasText = id });
        await Expect(row).ToContainTextAsync("doctor");
        await Expect(row).ToContainTextAsync("d-banksia");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Open {id}", Exact = true }).ClickAsync();
        await Expect(admin.Locator("#staff-member-title")).ToHaveTextAsync($"Roles of {id}");
        await Expect(admin.GetByLabel("doctor", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(admin.GetByLabel("receptionist", new() { Exact = true })).ToBeFocusedAsync();

        await admin.GetByLabel("practice manager", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save roles", Exact = true }).ClickAsync();
        await Expect(row).ToContainTextAsync("doctor, practice manager");

        // The practice manager opens the same member with the keyboard, and may look but not change.
        var manager = await clinic.SignedIn("s-manager-lister", "practice_manager");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Staff", Exact = true }).ClickAsync();
        var seen = manager.Locator("#staff-table tbody tr", new() { HasText = id });
        await Expect(seen).ToContainTextAsync("doctor, practice manager");
        await seen.GetByRole(AriaRole.Button, new() { Name = $"Open {id}", Exact = true }).FocusAsync();
        await manager.Keyboard.PressAsync("Enter");
        await Expect(manager.Locator("#staff-member-title")).ToBeFocusedAsync();
        await Expect(manager.GetByLabel("practice manager", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(manager.GetByLabel("practice manager", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Save roles" })).ToBeHiddenAsync();
        await Expect(manager.Locator("#staff-list-error")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task A_practice_manager_reads_what_happened_to_a_patient_and_finds_the_chain_intact()
    {
        var manager = await clinic.SignedIn("s-manager-audit", "practice_manager");
        // Something to find: the manager's own read of a patient's details, through the desk's search.
        using var api = await clinic.Api("s-manager-audit", "practice_manager");
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patients/p-demo-5");
        read.Headers.Add("X-Access-Reason", "audit test");
        (await api.SendAsync(read)).EnsureSuccessStatusCode();

        await manager.GetByRole(AriaRole.Button, new() { Name = "Audit", Exact = true }).ClickAsync();
        await manager.GetByLabel("Entity id").FillAsync("p-demo-5");
        // The sealer writes entries within a second or so; ask until the read is there.
        var entry = manager.Locator("#audit-table tbody tr", new() { HasText = "audit test" });
        for (var deadline = DateTime.UtcNow.AddSeconds(15); await entry.CountAsync() == 0; await Task.Delay(300, TestContext.Current.CancellationToken))
        {
            Assert.True(DateTime.UtcNow < deadline, "the read of p-demo-5's details never showed in the audit view");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        }

        await Expect(entry.First).ToContainTextAsync("s-manager-audit");

        await manager.GetByRole(AriaRole.Button, new() { Name = "Verify the chain", Exact = true }).ClickAsync();
        await Expect(manager.Locator("#audit-verdict")).ToContainTextAsync("Intact:");
        await FrontDeskTests.Screenshot(manager, "audit");
    }

    [Fact]
    public async Task Each_role_sees_only_the_views_it_may_use()
    {
        var desk = await clinic.SignedIn("s-desk-views", "receptionist");
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Undelivered notices", Exact = true })).ToBeVisibleAsync();
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Staff", Exact = true })).ToBeHiddenAsync();
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Audit", Exact = true })).ToBeHiddenAsync();

        await desk.GetByRole(AriaRole.Button, new() { Name = "Undelivered notices", Exact = true }).ClickAsync();
        await Expect(desk.Locator("#notices-table tbody tr").First).ToBeVisibleAsync();
        await Expect(desk.Locator("#notices-error")).ToBeEmptyAsync();

        var doctor = await clinic.SignedIn("d-banksia", "doctor");
        await Expect(doctor.Locator("#day")).ToBeVisibleAsync();
        await Expect(doctor.GetByRole(AriaRole.Button, new() { Name = "Undelivered notices", Exact = true })).ToBeHiddenAsync();
        await Expect(doctor.Locator("#reassignments")).ToBeHiddenAsync();
    }
}
