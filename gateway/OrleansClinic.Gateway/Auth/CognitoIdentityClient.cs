using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Auth;

/// <summary>
/// Cognito's public user-pool API (SignUp, ConfirmSignUp, InitiateAuth) over plain HTTP: these calls are authorised by the
/// app client id and need no AWS signature, so the gateway holds no AWS credentials for them.
/// </summary>
public sealed partial class CognitoIdentityClient(HttpClient http, IOptions<CognitoOptions> options, ILogger<CognitoIdentityClient> logger)
{
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    /// <summary>Creates an account whose username and email are <paramref name="email"/>.</summary>
    public async Task<CognitoResult<CognitoSignUp>> SignUp(string email, string password, CancellationToken cancellationToken)
    {
        var (body, error) = await Call("SignUp", new
        {
            ClientId = options.Value.AppClientId,
            Username = email,
            Password = password,
            UserAttributes = new[] { new { Name = "email", Value = email } },
        }, cancellationToken);
        return error is not null ? new CognitoResult<CognitoSignUp>(null, error)
            : new CognitoResult<CognitoSignUp>(new(Text(body, "UserSub") ?? "", body.TryGetProperty("UserConfirmed", out var c) && c.ValueKind == JsonValueKind.True), null);
    }

    /// <summary>Confirms an account with the code Cognito sent to its email.</summary>
    public async Task<CognitoResult<CognitoSignUp>> ConfirmSignUp(string email, string code, CancellationToken cancellationToken)
    {
        var (_, error) = await Call("ConfirmSignUp", new { ClientId = options.Value.AppClientId, Username = email, ConfirmationCode = code }, cancellationToken);
        return error is not null ? new CognitoResult<CognitoSignUp>(null, error) : new CognitoResult<CognitoSignUp>(new("", true), null);
    }

    /// <summary>Signs in with email and password (the USER_PASSWORD_AUTH flow).</summary>
    public async Task<CognitoResult<CognitoTokens>> SignIn(string email, string password, CancellationToken cancellationToken)
    {
        var (body, error) = await Call("InitiateAuth", new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = options.Value.AppClientId,
            AuthParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = email, ["PASSWORD"] = password },
        }, cancellationToken);
        if (error is not null)
        {
            return new CognitoResult<CognitoTokens>(null, error);
        }

        if (!body.TryGetProperty("AuthenticationResult", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            return new CognitoResult<CognitoTokens>(new(null, null, null, 0, "Bearer", Text(body, "ChallengeName") ?? "UNKNOWN"), null);
        }

        var expiresIn = result.TryGetProperty("ExpiresIn", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
        return new CognitoResult<CognitoTokens>(
            new(Text(result, "AccessToken"), Text(result, "IdToken"), Text(result, "RefreshToken"), expiresIn, Text(result, "TokenType") ?? "Bearer", null), null);
    }

    private async Task<(JsonElement Body, CognitoError? Error)> Call(string operation, object request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, http.BaseAddress)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request)) { Headers = { ContentType = AmzJson } },
        };
        message.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var body = text.Length == 0 ? default : JsonElement.Parse(text);
            if (response.IsSuccessStatusCode)
            {
                return (body.ValueKind == JsonValueKind.Object ? body : EmptyObject, null);
            }

            // "__type" may be qualified ("com.amazonaws...#UsernameExistsException"); the name after '#' is the contract.
            var type = body.ValueKind == JsonValueKind.Object ? Text(body, "__type") : null;
            type = type?[(type.LastIndexOf('#') + 1)..];
            var error = new CognitoError(string.IsNullOrEmpty(type) ? CognitoError.Unavailable : type, body.ValueKind == JsonValueKind.Object ? Text(body, "message") ?? Text(body, "Message") : null);
            LogRefused(logger, operation, error.Type, (int)response.StatusCode);
            return (default, error);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Only the operation and the exception type: the request held an email and perhaps a password.
            LogUnreachable(logger, operation, ex.GetType().Name);
            return (default, new CognitoError(CognitoError.Unavailable, null));
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cognito refused {Operation}: {ErrorType} ({Status})")]
    private static partial void LogRefused(ILogger logger, string operation, string errorType, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cognito could not be reached for {Operation}: {Failure}")]
    private static partial void LogUnreachable(ILogger logger, string operation, string failure);
}
