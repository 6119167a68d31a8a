namespace OrleansClinic.Gateway.Auth;

/// <summary>A refusal from Cognito: its exception type (e.g. <c>UsernameExistsException</c>) and its message, which never holds the password.</summary>
public sealed record CognitoError(string Type, string? Message)
{
    /// <summary>The type used when Cognito could not be reached or answered something unreadable.</summary>
    public const string Unavailable = "Unavailable";
}
