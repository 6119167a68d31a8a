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
