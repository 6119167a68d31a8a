using System.Security.Claims;

namespace OrleansClinic.Gateway.Auth;

/// <summary>What a signature check cannot see: the token's kind, the app client it was issued to, and a clinic role.</summary>
public static class ClinicTokenChecks
{
    /// <summary>Why the token is refused, or null when it may be used.</summary>
    public static string? Refusal(ClaimsPrincipal? principal, IReadOnlyCollection<string>? appClientIds)
    {
        if (principal?.FindFirst(ClinicClaims.TokenUse)?.Value != "access")
        {
            return "Only access tokens are accepted.";
        }

        // Cognito access tokens carry no audience; client_id is how a token for another app client is told apart.
        if (appClientIds is not null && !appClientIds.Contains(principal.FindFirst(ClinicClaims.ClientId)?.Value ?? ""))
        {
            return "The token was issued to another app client.";
        }

        // A user in no clinic group (say, sign-up finished but the group not yet granted) is not signed in to the clinic.
        return principal.FindAll(ClinicClaims.Groups).Any(c => ClinicRoles.All.Contains(c.Value)) ? null : "The token carries no clinic role.";
    }
}
