using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Auth;

/// <summary>
/// The hosted UI's token endpoint (<c>POST {HostedUiDomain}/oauth2/token</c>): trades the one-time code the hosted UI
/// gave the dashboard, with its PKCE verifier, for the user's tokens. The app client has no secret, so no credentials are sent.
/// </summary>
public sealed partial class CognitoHostedUiClient(HttpClient http, IOptions<CognitoOptions> options, ILogger<CognitoHostedUiClient> logger)
{
    /// <summary>Exchanges <paramref name="code"/> (the authorization-code grant with PKCE) for tokens; an OAuth error comes back as its <c>error</c> code.</summary>
    public async Task<CognitoResult<CognitoTokens>> ExchangeCode(string code, string codeVerifier, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = options.Value.HostedUiClientId ?? "",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["code_verifier"] = codeVerifier,
        });
        try
        {
            using var response = await http.PostAsync(new Uri("oauth2/token", UriKind.Relative), form, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            // A body that is not JSON (a proxy's error page) carries no OAuth error: it counts as Cognito unavailable.
            var body = text.StartsWith('{') ? JsonElement.Parse(text) : default;
            if (response.IsSuccessStatusCode && Text(body, "access_token") is { } access)
            {
                var expiresIn = body.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
                return new(new(access, Text(body, "id_token"), Text(body, "refresh_token"), expiresIn, Text(body, "token_type") ?? "Bearer", null), null);
            }

            // OAuth errors (RFC 6749 section 5.2) say what was wrong without echoing the code; throttling answers 429 with no body.
            var type = (int)response.StatusCode == StatusCodes.Status429TooManyRequests ? "TooManyRequestsException"
                : (int)response.StatusCode < 500 ? Text(body, "error") ?? CognitoError.Unavailable
                : CognitoError.Unavailable;
            LogRefused(logger, type, (int)response.StatusCode);
            return new(null, new CognitoError(type, Text(body, "error_description")));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Only the exception type: the request held a sign-in code and its verifier.
            LogUnreachable(logger, ex.GetType().Name);
            return new(null, new CognitoError(CognitoError.Unavailable, null));
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "The hosted UI refused a code exchange: {ErrorType} ({Status})")]
    private static partial void LogRefused(ILogger logger, string errorType, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hosted UI could not be reached for a code exchange: {Failure}")]
    private static partial void LogUnreachable(ILogger logger, string failure);
}
