using Microsoft.AspNetCore.Http.HttpResults;
using OrleansClinic.Gateway.Http;

namespace OrleansClinic.Gateway.Auth;

/// <summary><c>POST /dev/token</c>: the development sign-in, present only in embedded mode.</summary>
public static class DevTokenEndpoints
{
    /// <summary>Maps the development token endpoint.</summary>
    public static IEndpointRouteBuilder MapDevTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", IssueToken).AllowAnonymous().WithTags("Development").WithName("IssueDevToken");
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueToken(DevTokenRequest request, DevTokenIssuer issuer, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 128 || request.Subject.Any(c => c <= ' ' || c > '~'))
        {
            errors["subject"] = ["1 to 128 visible ASCII characters"];
        }

        var roles = request.Roles ?? [];
        if (roles.Count == 0 || roles.Any(r => !ClinicRoles.All.Contains(r)))
        {
            errors["roles"] = [$"one or more of: {string.Join(", ", ClinicRoles.All)}"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var token = issuer.Issue(request.Subject!, roles, time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", (int)DevTokenIssuer.Lifetime.TotalSeconds));
    }
}

/// <summary>Who the development token is for.</summary>
public sealed record DevTokenRequest(string? Subject, IReadOnlyList<string>? Roles);

/// <summary>A development access token, shaped like an OAuth token response.</summary>
public sealed record DevTokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
