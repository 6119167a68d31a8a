using System.Text.Json.Serialization;

namespace OrleansClinic.Gateway.Dashboard;

/// <summary>What the dashboard needs to know before anyone signs in.</summary>
/// <param name="SignIn">
/// <c>dev</c> (the development issuer: pick a role), <c>cognito</c> (email and password through the gateway) or
/// <c>cognito-hosted</c> (Cognito's hosted sign-in page, authorization code with PKCE).
/// </param>
/// <param name="AuthorizeUrl">With <c>cognito-hosted</c>: the hosted UI's authorization endpoint.</param>
/// <param name="ClientId">With <c>cognito-hosted</c>: the app client to sign in to.</param>
/// <param name="Scope">With <c>cognito-hosted</c>: the scopes to ask for.</param>
/// <param name="LogoutUrl">With <c>cognito-hosted</c>: the hosted UI's sign-out endpoint, which ends its session too.</param>
public sealed record DashboardSettings(
    string SignIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AuthorizeUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LogoutUrl = null);
