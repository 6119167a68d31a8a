using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Web;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>
/// The dashboard's hosted sign-in, driven over HTTP the way the page drives it: the hosted UI stand-in (in front of
/// cognito-local) hands out a one-time code, and <c>POST /api/v1/auth/hosted/token</c> redeems it through the gateway.
/// </summary>
[Collection(CognitoCollection.Name)]
public sealed class HostedSignInTests(CognitoGateway cognito)
{
    private const string Dashboard = "http://localhost/dashboard/";

    [Fact]
    public async Task A_code_from_the_hosted_page_becomes_tokens_the_API_accepts()
    {
        var (email, password) = await NewReceptionist();
        var verifier = NewVerifier();
        var code = await CodeFor(email, password, verifier, Dashboard);

        var response = await Exchange(code, verifier, Dashboard);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var tokens = await response.Body();
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.True(tokens.GetProperty("expires_in").GetInt32() > 0);
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal("receptionist", Assert.Single(TokenForgery.Payload(access)["cognito:groups"]!.AsArray())!.GetValue<string>());
        // Issued to the dashboard's own app client, which the hosted gateway accepts besides the patients' one.
        Assert.Equal(cognito.DashboardClientId, TokenForgery.Payload(access)["client_id"]!.GetValue<string>());
        var desk = cognito.HostedGateway.CreateClient();
        desk.DefaultRequestHeaders.Authorization = new("Bearer", access);
        var doctors = await desk.GetAsync("/api/v1/doctors");
        Assert.Equal(HttpStatusCode.OK, doctors.StatusCode);
        Assert.True((await doctors.Body()).GetArrayLength() > 0);
        // A staff-only call: the token carries the receptionist role the pool gave, not just a signature.
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/v1/notifications/undelivered")).StatusCode);
        // A gateway that knows no dashboard client takes only the patients' client's tokens.
        var elsewhere = cognito.Gateway.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = new("Bearer", access);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/doctors")).StatusCode);
    }

    [Fact]
    public async Task A_code_presented_twice_is_refused_the_second_time()
    {
        var (email, password) = await NewReceptionist();
        var verifier = NewVerifier();
        var code = await CodeFor(email, password, verifier, Dashboard);
        Assert.Equal(HttpStatusCode.OK, (await Exchange(code, verifier, Dashboard)).StatusCode);

        var again = await Exchange(code, verifier, Dashboard);

        await AssertCodeRefused(again);
    }

    [Fact]
    public async Task A_wrong_verifier_is_refused_and_spends_the_code()
    {
        var (email, password) = await NewReceptionist();
        var verifier = NewVerifier();
        var code = await CodeFor(email, password, verifier, Dashboard);

        await AssertCodeRefused(await Exchange(code, NewVerifier(), Dashboard));
        // Whoever guessed wrong also spent it: the rightful verifier now gets nothing either.
        await AssertCodeRefused(await Exchange(code, verifier, Dashboard));
    }

    [Fact]
    public async Task A_code_given_for_another_redirect_uri_is_refused()
    {
        var (email, password) = await NewReceptionist();
        var verifier = NewVerifier();
        var code = await CodeFor(email, password, verifier, CognitoGateway.ProxiedDashboard);

        await AssertCodeRefused(await Exchange(code, verifier, Dashboard));
    }

    [Fact]
    public async Task A_configured_public_dashboard_address_may_be_the_redirect_uri()
    {
        var (email, password) = await NewReceptionist();
        var verifier = NewVerifier();
        var code = await CodeFor(email, password, verifier, CognitoGateway.ProxiedDashboard);

        var response = await Exchange(code, verifier, CognitoGateway.ProxiedDashboard);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://elsewhere.example/dashboard/")]
    [InlineData("http://localhost/")]
    [InlineData("http://localhost/dashboard/other")]
    [InlineData("http://localhost/dashboard/#fragment")]
    [InlineData("http://localhost:8080/dashboard/")]
    [InlineData("/dashboard/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_redirect_uri_that_is_not_the_dashboard_is_a_422_problem_and_no_code_is_redeemed(string redirectUri)
    {
        var (email, password) = await NewReceptionist();
        var verifier = NewVerifier();
        var code = await CodeFor(email, password, verifier, Dashboard);
        var before = cognito.HostedUi.TokenRequests;

        var response = await Exchange(code, verifier, redirectUri);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Body()).GetProperty("errors");
        Assert.Equal(["redirectUri"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, cognito.HostedUi.TokenRequests);
        // The code was never presented, so it is still good for the page it was issued to.
        Assert.Equal(HttpStatusCode.OK, (await Exchange(code, verifier, Dashboard)).StatusCode);
    }

    [Fact]
    public async Task Missing_or_malformed_fields_are_a_422_problem_naming_each_and_nothing_is_sent_to_Cognito()
    {
        var before = cognito.HostedUi.TokenRequests;
        var client = cognito.HostedGateway.CreateClient();

        var empty = await client.PostRaw("/api/v1/auth/hosted/token", "{}", "application/json", null);
        var malformed = await client.PostAsJsonAsync("/api/v1/auth/hosted/token", new { code = "has spaces", codeVerifier = "too-short", redirectUri = Dashboard });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(["code", "codeVerifier", "redirectUri"], (await empty.Body()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Equal(["code", "codeVerifier"], (await malformed.Body()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, cognito.HostedUi.TokenRequests);
    }

    [Fact]
    public async Task A_wrong_password_on_the_hosted_page_gives_no_code()
    {
        var (email, password) = await NewReceptionist();
        using var browser = Browser();
        var login = await browser.PostAsync("login", LoginForm(email, password + "x", CognitoHostedUiStandIn.ChallengeFor(NewVerifier()), Dashboard, "s-1"));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Incorrect username or password.", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_settings_name_the_hosted_page_only_when_it_is_configured()
    {
        var hosted = await (await cognito.HostedGateway.CreateClient().GetAsync("/dashboard/settings")).Body();
        var password = await (await cognito.Gateway.CreateClient().GetAsync("/dashboard/settings")).Body();

        Assert.Equal("cognito-hosted", hosted.GetProperty("signIn").GetString());
        Assert.Equal(new Uri(cognito.HostedUi.Url, "oauth2/authorize").AbsoluteUri, hosted.GetProperty("authorizeUrl").GetString());
        Assert.Equal(cognito.DashboardClientId, hosted.GetProperty("clientId").GetString());
        Assert.Equal("openid", hosted.GetProperty("scope").GetString());
        Assert.Equal(new Uri(cognito.HostedUi.Url, "logout").AbsoluteUri, hosted.GetProperty("logoutUrl").GetString());
        Assert.Equal(["signIn"], password.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cognito", password.GetProperty("signIn").GetString());
    }

    [Fact]
    public async Task Without_a_hosted_page_there_is_no_code_exchange_and_the_password_sign_in_stays()
    {
        var client = cognito.Gateway.CreateClient();
        var exchange = await client.PostAsJsonAsync("/api/v1/auth/hosted/token", new { code = "c", codeVerifier = NewVerifier(), redirectUri = Dashboard });
        Assert.Contains(exchange.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Unauthorized });

        var paths = (await (await cognito.HostedGateway.CreateClient().GetAsync("/openapi/v1.json")).Body()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/hosted/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/sign-in", out _));
    }

    private static async Task AssertCodeRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:orleans-clinic:problem:sign-in-code-refused", (await response.Body()).GetProperty("type").GetString());
    }

    private async Task<(string Email, string Password)> NewReceptionist()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        email = "desk-" + email;
        await cognito.Cognito.AddUser(cognito.PoolId, email, password, "receptionist");
        return (email, password);
    }

    // What the browser does on the hosted page: open it (checked), post the form, and follow the redirect's code.
    private async Task<string> CodeFor(string email, string password, string verifier, string redirectUri)
    {
        var challenge = CognitoHostedUiStandIn.ChallengeFor(verifier);
        var state = "s-" + Guid.NewGuid().ToString("N");
        using var browser = Browser();
        var query = HttpUtility.ParseQueryString("");
        (query["response_type"], query["client_id"], query["redirect_uri"], query["scope"], query["state"], query["code_challenge"], query["code_challenge_method"])
            = ("code", cognito.DashboardClientId, redirectUri, "openid", state, challenge, "S256");
        var page = await browser.GetAsync("oauth2/authorize?" + query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/login\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var login = await browser.PostAsync("login", LoginForm(email, password, challenge, redirectUri, state));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var back = login.Headers.Location!;
        Assert.StartsWith(redirectUri + "?", back.AbsoluteUri, StringComparison.Ordinal);
        var returned = HttpUtility.ParseQueryString(back.Query);
        Assert.Equal(state, returned["state"]);
        return returned["code"]!;
    }

    private FormUrlEncodedContent LoginForm(string email, string password, string challenge, string redirectUri, string state) => new(new Dictionary<string, string>
    {
        ["response_type"] = "code",
        ["client_id"] = cognito.DashboardClientId,
        ["redirect_uri"] = redirectUri,
        ["scope"] = "openid",
        ["state"] = state,
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
        ["username"] = email,
        ["password"] = password,
    });

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = cognito.HostedUi.Url };

    private Task<HttpResponseMessage> Exchange(string code, string codeVerifier, string redirectUri) =>
        cognito.HostedGateway.CreateClient().PostAsJsonAsync("/api/v1/auth/hosted/token", new { code, codeVerifier, redirectUri });

    private static string NewVerifier() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
