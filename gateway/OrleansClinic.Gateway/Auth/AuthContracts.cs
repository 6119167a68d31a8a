using System.Text.Json.Serialization;

namespace OrleansClinic.Gateway.Auth;

/// <summary>Email and password, to sign up or sign in.</summary>
public sealed record CredentialsRequest(string? Email, string? Password);

/// <summary>The emailed code that confirms a new account.</summary>
public sealed record ConfirmSignUpRequest(string? Email, string? Code);

/// <summary>A new account: its user id (the token's <c>sub</c>, the patient id) and whether the emailed code must be confirmed first.</summary>
public sealed record SignUpResponse(string UserId, bool ConfirmationRequired);

/// <summary>What the dashboard brings back from the hosted UI: the one-time code, the PKCE verifier it made, and the redirect URI it used.</summary>
public sealed record HostedTokenRequest(string? Code, string? CodeVerifier, string? RedirectUri);

/// <summary>Tokens for the signed-in user, shaped like an OAuth token response; send <c>access_token</c> as the bearer token.</summary>
public sealed record SignInResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType);
