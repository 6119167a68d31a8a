using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansClinic.Gateway.Auth;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>Cognito errors that cognito-local never produces (password policy, throttling, outages), answered by a stub.</summary>
public sealed class CognitoErrorMappingTests
{
    [Theory]
    [InlineData("UsernameExistsException", 409)]
    [InlineData("NotAuthorizedException", 401)]
    [InlineData("UserNotFoundException", 401)]
    [InlineData("InvalidPasswordException", 422)]
    [InlineData("com.amazonaws.cognito.identity.idp.model#InvalidPasswordException", 422)]
    [InlineData("UserNotConfirmedException", 403)]
    [InlineData("TooManyRequestsException", 429)]
    [InlineData("LimitExceededException", 429)]
    [InlineData("CodeMismatchException", 422)]
    [InlineData("InternalErrorException", 503)]
    public async Task Cognito_error_types_become_clinic_problems(string type, int status)
    {
        var (problem, http) = await SignUpAnswered(HttpStatusCode.BadRequest, $"{{\"__type\":\"{type}\",\"message\":\"Password did not conform with policy: Password must have symbol characters\"}}");
        Assert.Equal(status, problem.StatusCode);
        Assert.Equal(status is 429 or 503, http.Response.Headers.RetryAfter.Count > 0);
    }

    [Fact]
    public async Task An_unreachable_Cognito_is_503()
    {
        var (problem, _) = await SignUpAnswered(null, "");
        Assert.Equal(503, problem.StatusCode);
    }

    [Fact]
    public async Task The_password_and_email_are_not_logged()
    {
        var logs = new CapturingLogger();
        var client = Client(HttpStatusCode.BadRequest, "{\"__type\":\"InvalidPasswordException\",\"message\":\"Password did not conform with policy\"}", logs);
        await client.SignUp("someone@example.test", "s3cret-Value!", CancellationToken.None);
        var logged = logs.ToString();
        Assert.Contains("InvalidPasswordException", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-Value!", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("someone@example.test", logged, StringComparison.Ordinal);
    }

    private static async Task<(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem, HttpContext Http)> SignUpAnswered(HttpStatusCode? status, string body)
    {
        var result = await Client(status, body, NullLogger<CognitoIdentityClient>.Instance).SignUp("someone@example.test", "a-password", CancellationToken.None);
        Assert.False(result.Succeeded);
        var http = new DefaultHttpContext();
        return (CognitoProblems.For(result.Error!, http), http);
    }

    private static CognitoIdentityClient Client(HttpStatusCode? status, string body, ILogger<CognitoIdentityClient> logger)
    {
        var options = Options.Create(new CognitoOptions { UserPoolId = "ap-southeast-2_Test1", Region = "ap-southeast-2", AppClientId = "client1" });
        var http = new HttpClient(new Stub(status, body)) { BaseAddress = options.Value.ServiceUrl };
        return new CognitoIdentityClient(http, options, logger);
    }

    private sealed class Stub(HttpStatusCode? status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.StartsWith("AWSCognitoIdentityProviderService.", request.Headers.GetValues("X-Amz-Target").Single(), StringComparison.Ordinal);
            Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.MediaType);
            return status is { } s
                ? Task.FromResult(new HttpResponseMessage(s) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") })
                : throw new HttpRequestException("connection refused");
        }
    }

    private sealed class CapturingLogger : ILogger<CognitoIdentityClient>
    {
        private readonly StringBuilder text = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            text.AppendLine(formatter(state, exception) + " " + state);

        public override string ToString() => text.ToString();
    }
}
