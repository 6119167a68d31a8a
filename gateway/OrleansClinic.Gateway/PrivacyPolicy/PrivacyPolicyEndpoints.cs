using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Gateway.Http;

namespace OrleansClinic.Gateway.PrivacyPolicy;

/// <summary><c>/api/v1/privacy-policy</c>: the policy in effect, and any published version by number (consent records name one).</summary>
public static class PrivacyPolicyEndpoints
{
    /// <summary>Maps the privacy policy, readable without signing in.</summary>
    public static RouteGroupBuilder MapPrivacyPolicyApi(this IEndpointRouteBuilder app)
    {
        var policy = app.MapGroup("/api/v1/privacy-policy").WithTags("Privacy").AllowAnonymous();
        policy.MapGet("/", Current);
        policy.MapGet("/{version:int}", ByVersion);
        return policy;
    }

    private static Results<Ok<PrivacyPolicyResponse>, ProblemHttpResult> Current(PrivacyPolicyCatalog catalog, IClock clock, HttpContext http) =>
        Respond(catalog.CurrentOn(PrivacyPolicyDocuments.Today(clock)), http);

    private static Results<Ok<PrivacyPolicyResponse>, ProblemHttpResult> ByVersion(int version, PrivacyPolicyCatalog catalog, HttpContext http) =>
        Respond(catalog.Find(version), http);

    private static Results<Ok<PrivacyPolicyResponse>, ProblemHttpResult> Respond(PrivacyPolicyVersion? version, HttpContext http)
    {
        if (version is null)
        {
            return Problems.NotFound("privacy policy version");
        }

        // Public and rarely changing: caches and a CDN may keep it a while (a new version is a new deployment).
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new PrivacyPolicyResponse(
            version.Version, version.EffectiveFrom.ToString("yyyy-MM-dd", null), "text/markdown", version.Content));
    }
}

/// <summary>One version of the privacy policy as the API returns it.</summary>
/// <param name="Version">The version number, as consent records name it.</param>
/// <param name="EffectiveFrom">The first day it applies (<c>yyyy-MM-dd</c>, Australia/Sydney).</param>
/// <param name="ContentType">The format of <paramref name="Content"/>: <c>text/markdown</c>.</param>
/// <param name="Content">The policy text.</param>
public sealed record PrivacyPolicyResponse(int Version, string EffectiveFrom, string ContentType, string Content);
