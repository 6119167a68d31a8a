namespace OrleansClinic.Gateway.Auth;

/// <summary>Claim names of Cognito access tokens, which the development issuer imitates.</summary>
public static class ClinicClaims
{
    /// <summary>The caller's opaque id.</summary>
    public const string Subject = "sub";

    /// <summary>The caller's roles.</summary>
    public const string Groups = "cognito:groups";

    /// <summary>Token kind; <c>access</c> for API calls.</summary>
    public const string TokenUse = "token_use";

    /// <summary>The app client the token was issued to.</summary>
    public const string ClientId = "client_id";
}
