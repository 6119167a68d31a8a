namespace OrleansClinic.Gateway.Auth;

/// <summary>What a call to Cognito gave: a value, or the error Cognito (or the network) answered with.</summary>
public sealed record CognitoResult<T>(T? Value, CognitoError? Error)
    where T : class
{
    /// <summary>True when Cognito accepted the call.</summary>
    public bool Succeeded => Error is null;
}
