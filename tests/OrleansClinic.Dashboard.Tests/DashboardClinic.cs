using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using OrleansClinic.Testing.StandIns;

[assembly: AssemblyFixture(typeof(OrleansClinic.Dashboard.Tests.DashboardClinic))]

// One test at a time: the live-update budget is a second, and another test's browsers and workflow would share the cores.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace OrleansClinic.Dashboard.Tests;

/// <summary>
/// The clinic on its embedded defaults (demo doctors and patients) served on a real port, and Chromium to open its
/// dashboard: Debian's <c>/usr/bin/chromium</c> (or <c>CLINIC_TEST_CHROMIUM</c>), driven by Playwright.
/// </summary>
public sealed class DashboardClinic : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly int port = LocalPorts.Free();
    private IPlaywright? playwright;

    /// <summary>The gateway's address, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{port}");

    /// <summary>Chromium, headless.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save screenshots of the main views: <c>docs/screenshots</c>, which the README shows.</summary>
    public static string Screenshots { get; } = Repository.PathOf("docs", "screenshots");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        UseKestrel(port);
        StartServer();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CLINIC_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (its own session storage) at the dashboard, signed in as <paramref name="subject"/> in <paramref name="role"/>.</summary>
    public async Task<IPage> SignedIn(string subject, string role, int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-AU",
            TimezoneId = "Australia/Sydney",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var form = page.Locator("#sign-in");
        await form.GetByLabel("Staff id").FillAsync(subject);
        await form.GetByLabel("Role").SelectOptionAsync(role);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).Not.ToBeEmptyAsync();
        return page;
    }

    /// <summary>An API client signed in as <paramref name="subject"/> in <paramref name="role"/>, to set a scene faster than clicking it.</summary>
    public async Task<HttpClient> Api(string subject, string role)
    {
        var http = new HttpClient { BaseAddress = Address };
        var response = await http.PostAsJsonAsync("/dev/token", new { subject, roles = new[] { role } });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Orleans:SiloPort", LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
