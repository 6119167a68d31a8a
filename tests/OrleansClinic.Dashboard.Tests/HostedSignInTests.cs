using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>
/// Signing in on the clinic's hosted sign-in page (Cognito's, here its stand-in in front of cognito-local): the
/// authorization-code flow with PKCE, the gateway redeeming the code, and what the page says when a return is not good.
/// </summary>
public sealed partial class HostedSignInTests(DashboardClinic clinic, HostedSignInClinic hosted) : IClassFixture<HostedSignInClinic>
{
    private const string SignInButton = "Sign in with the clinic's account";

    [Fact]
    public async Task A_receptionist_signs_in_on_the_clinics_page_and_lands_on_the_day_view_with_a_clean_address()
    {
        var (email, password) = await hosted.NewStaff("receptionist");
        var page = await NewPage();
        var refusedByPolicy = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusedByPolicy.Add(message.Text);
            }
        };
        var exchanges = hosted.HostedUi.TokenRequests;

        await page.GotoAsync("/");
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = SignInButton });
        await Expect(signIn).ToBeVisibleAsync();
        // No password form here: the password goes to the clinic's sign-in page only.
        await Expect(page.Locator("#sign-in").GetByLabel("Password")).ToBeHiddenAsync();
        await signIn.ClickAsync();

        // The stand-in's page, on its own origin, with the PKCE challenge the dashboard made.
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(new Uri(hosted.HostedUi.Url, "oauth2/authorize").AbsoluteUri) + @"\?.*code_challenge_method=S256"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#who")).ToContainTextAsync("receptionist");
        await Expect(page.Locator("#day")).ToBeVisibleAsync();
        await Expect(page.Locator("#columns .doctor").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undelivered notices" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Uri(hosted.Address, "/dashboard/").AbsoluteUri);
        Assert.Equal(exchanges + 1, hosted.HostedUi.TokenRequests);
        Assert.Empty(refusedByPolicy);

        // Signing out ends the hosted page's session too, and comes back to sign-in.
        var signOuts = hosted.HostedUi.SignOuts;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = SignInButton })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Uri(hosted.Address, "/dashboard/").AbsoluteUri);
        Assert.Equal(signOuts + 1, hosted.HostedUi.SignOuts);
        await Expect(page.Locator("#who")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task A_return_whose_state_was_tampered_with_is_refused_and_its_code_never_exchanged()
    {
        var (email, password) = await hosted.NewStaff("receptionist");
        var page = await NewPage();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = SignInButton }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/oauth2/authorize"));

        // Someone else's sign-in link: the same page, but a state this tab never made.
        await page.GotoAsync(StateParameter().Replace(page.Url, "state=someone-elses-state"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        var exchanges = hosted.HostedUi.TokenRequests;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("did not start from this page");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = SignInButton })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Uri(hosted.Address, "/dashboard/").AbsoluteUri);
        await Expect(page.Locator("#who")).ToBeEmptyAsync();
        Assert.Equal(exchanges, hosted.HostedUi.TokenRequests);
    }

    [Fact]
    public async Task A_code_the_hosted_page_refuses_is_explained_on_the_sign_in_section()
    {
        var page = await NewPage();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = SignInButton }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/oauth2/authorize"));
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["state"];
        var exchanges = hosted.HostedUi.TokenRequests;

        // This tab's own state, but a code the hosted page never issued (or one already spent).
        await page.GotoAsync($"{hosted.Address}dashboard/?code=never-issued&state={Uri.EscapeDataString(state!)}");

        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("The sign-in could not be completed");
        await Expect(page).ToHaveURLAsync(new Uri(hosted.Address, "/dashboard/").AbsoluteUri);
        await Expect(page.Locator("#who")).ToBeEmptyAsync();
        Assert.Equal(exchanges + 1, hosted.HostedUi.TokenRequests);
    }

    private async Task<IPage> NewPage()
    {
        var context = await clinic.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hosted.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "en-AU",
            TimezoneId = "Australia/Sydney",
        });
        return await context.NewPageAsync();
    }

    [GeneratedRegex("state=[^&]*")]
    private static partial Regex StateParameter();
}
