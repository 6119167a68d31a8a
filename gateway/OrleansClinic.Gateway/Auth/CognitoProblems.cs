using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Http;

namespace OrleansClinic.Gateway.Auth;

/// <summary>Cognito's refusals as the clinic's problem responses; nothing the caller sent is echoed back.</summary>
public static class CognitoProblems
{
    /// <summary>The problem for <paramref name="error"/>; sets <c>Retry-After</c> on <paramref name="http"/> when Cognito throttles.</summary>
    public static ProblemHttpResult For(CognitoError error, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(http);
        switch (error.Type)
        {
            case "UsernameExistsException" or "AliasExistsException":
                return Problems.Create(StatusCodes.Status409Conflict, "account-exists", "An account with this email already exists.", "Sign in, or reset the password.");
            // Unknown user and wrong password answer alike, so the API does not tell who has an account.
            case "NotAuthorizedException" or "UserNotFoundException":
                return Problems.Create(StatusCodes.Status401Unauthorized, "sign-in-failed", "Incorrect email or password.");
            case "UserNotConfirmedException":
                return Problems.Create(StatusCodes.Status403Forbidden, "account-not-confirmed", "The account is not confirmed yet.", "Confirm it with the code sent by email (POST /api/v1/auth/confirm).");
            case "PasswordResetRequiredException":
                return Problems.Create(StatusCodes.Status403Forbidden, "password-reset-required", "The password must be reset before signing in.");
            // Cognito's policy message ("Password did not conform with policy: ...") says what to fix and never contains the password.
            case "InvalidPasswordException":
                return Problems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["password"] = [Trim(error.Message) ?? "does not meet the password policy"] });
            case "CodeMismatchException":
                return Problems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["code"] = ["does not match the code sent"] });
            case "ExpiredCodeException":
                return Problems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["code"] = ["has expired or was already used"] });
            case "InvalidParameterException":
                return Problems.Create(StatusCodes.Status422UnprocessableEntity, "validation", "The identity provider refused the request.", "Check the email and password.");
            // The hosted UI's token endpoint: the code expired, was used already, or does not match its verifier or redirect URI.
            case "invalid_grant" or "invalid_request":
                return Problems.Create(StatusCodes.Status400BadRequest, "sign-in-code-refused", "The sign-in could not be completed.", "The sign-in code has expired, was already used, or does not belong to this browser. Sign in again.");
            // The app client is not set up for the code grant (or these scopes): staff cannot fix it by trying again.
            case "invalid_client" or "unauthorized_client" or "unsupported_grant_type" or "invalid_scope":
                return Problems.Create(StatusCodes.Status502BadGateway, "identity-provider-misconfigured", "Sign-in is not set up correctly.", "The identity provider refused the clinic's app client; tell the administrator.");
            case "TooManyRequestsException" or "LimitExceededException" or "TooManyFailedAttemptsException":
                http.Response.Headers.RetryAfter = "30";
                return Problems.Create(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many attempts.", "Wait a little and try again.");
            default:
                http.Response.Headers.RetryAfter = "5";
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, "identity-provider-unavailable", "Sign-in is unavailable right now.", "Try again shortly.");
        }
    }

    private static string? Trim(string? message) =>
        message is { Length: > 0 } m && m.StartsWith("Password", StringComparison.Ordinal) ? m[..Math.Min(m.Length, 200)] : null;
}
