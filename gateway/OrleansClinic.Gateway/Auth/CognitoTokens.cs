namespace OrleansClinic.Gateway.Auth;

/// <summary>Tokens from a successful sign-in, or the challenge Cognito wants answered first (MFA, a new password).</summary>
public sealed record CognitoTokens(string? AccessToken, string? IdToken, string? RefreshToken, int ExpiresIn, string TokenType, string? Challenge);
