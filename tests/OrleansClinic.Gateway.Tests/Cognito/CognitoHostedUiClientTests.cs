using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansClinic.Gateway.Auth;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>The token endpoint's answers that the hosted UI stand-in never gives (misconfiguration, throttling, outages), from a stub.</summary>
public sealed class CognitoHostedUiClientTests
{
    private const string Verifier = "v3rifier-v3rifier-v3rifier-v3rifier-v3rifier";

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\"}", 400)]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":\"invalid_request\",\"error_description\":\"code expired\"}", 400)]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":\"unauthorized_client\"}", 502)]
    [InlineData(HttpStatusCode.Unauthorized, "{\"error\":\"invalid_client\"}", 502)]
    [InlineData(HttpStatusCode.TooManyRequests, "", 429)]
    [InlineData(HttpStatusCode.InternalServerError, "{\"error\":\"server_error\"}", 503)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", 503)]
    [InlineData(HttpStatusCode.OK, "{\"token_type\":\"Bearer\"}", 503)]
    [InlineData(null, "", 503)]
    public async Task Token_endpoint_answers_become_clinic_problems(HttpStatusCode? status, string body, int expected)
    {
        var result = await Client(status, body, new CapturingLogger()).ExchangeCode("a-code", Verifier, new Uri("https://desk.clinic.example/dashboard/"), CancellationToken.None);

        Assert.False(result.Succeeded);
        var http = new DefaultHttpContext();
        Assert.Equal(expected, CognitoProblems.For(result.Error!, http).StatusCode);
    }

    [Fact]
    public async Task The_exchange_is_a_form_post_of_the_code_grant_with_its_verifier()
    {
        var stub = new Stub(HttpStatusCode.OK, "{\"access_token\":\"a.b.c\",\"id_token\":\"i.d.t\",\"refresh_token\":\"r\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
        var options = Options.Create(new CognitoOptions { AppClientId = "client1", HostedUiDomain = "https://clinic.auth.ap-southeast-2.amazoncognito.com" });
        using var http = new HttpClient(stub) { BaseAddress = options.Value.HostedUi };
        var result = await new CognitoHostedUiClient(http, options, new CapturingLogger())
            .ExchangeCode("a-code", Verifier, new Uri("https://desk.clinic.example/dashboard/"), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(("a.b.c", "i.d.t", "r", 3600), (result.Value!.AccessToken, result.Value.IdToken, result.Value.RefreshToken, result.Value.ExpiresIn));
        Assert.Equal("https://clinic.auth.ap-southeast-2.amazoncognito.com/oauth2/token", stub.Uri!.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", stub.ContentType);
        var form = System.Web.HttpUtility.ParseQueryString(stub.Body!);
        Assert.Equal(
            ("authorization_code", "client1", "a-code", "https://desk.clinic.example/dashboard/", Verifier),
            (form["grant_type"], form["client_id"], form["code"], form["redirect_uri"], form["code_verifier"]));
    }

    [Fact]
    public async Task The_code_and_verifier_are_not_logged()
    {
        var logs = new CapturingLogger();
        await Client(HttpStatusCode.BadRequest, "{\"error\":\"invalid_grant\"}", logs).ExchangeCode("secret-code-123", Verifier, new Uri("https://desk.clinic.example/dashboard/"), CancellationToken.None);
        await Client(null, "", logs).ExchangeCode("secret-code-123", Verifier, new Uri("https://desk.clinic.example/dashboard/"), CancellationToken.None);

        var logged = logs.ToString();
        Assert.Contains("invalid_grant", logged, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-code-123", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Verifier, logged, StringComparison.Ordinal);
    }

    private static CognitoHostedUiClient Client(HttpStatusCode? status, string body, ILogger<CognitoHostedUiClient> logger)
    {
        var options = Options.Create(new CognitoOptions { AppClientId = "client1", HostedUiDomain = "https://clinic.auth.ap-southeast-2.amazoncognito.com" });
        return new CognitoHostedUiClient(new HttpClient(new Stub(status, body)) { BaseAddress = options.Value.HostedUi }, options, logger);
    }

    private sealed class Stub(HttpStatusCode? status, string body) : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }

        public string? ContentType { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (Uri, ContentType, Body) = (request.RequestUri, request.Content?.Headers.ContentType?.MediaType, await request.Content!.ReadAsStringAsync(cancellationToken));
            return status is { } s
                ? new HttpResponseMessage(s) { Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') ? "application/json" : "text/html") }
                : throw new HttpRequestException("connection refused");
        }
    }

    private sealed class CapturingLogger : ILogger<CognitoHostedUiClient>
    {
        private readonly StringBuilder text = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            text.AppendLine(formatter(state, exception) + " " + state);

        public override string ToString() => text.ToString();
    }
}
