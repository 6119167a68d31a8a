namespace OrleansClinic.Gateway.Auth;

/// <summary>The Amazon Cognito user pool the gateway trusts and signs patients into, bound from <c>Auth:Cognito</c>.</summary>
public sealed class CognitoOptions
{
    /// <summary>The configuration section; its presence turns Cognito on and the development issuer off.</summary>
    public const string Section = "Auth:Cognito";

    /// <summary>The user pool id, e.g. <c>ap-southeast-2_AbCdEf123</c>.</summary>
    public string? UserPoolId { get; set; }

    /// <summary>The pool's AWS region, e.g. <c>ap-southeast-2</c>; not needed when <see cref="Endpoint"/> is set.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// A stand-in's base URL (cognito-local, e.g. <c>http://127.0.0.1:9229</c>) used for the API calls and as the issuer
    /// prefix instead of the regional AWS endpoint; plain HTTP only on loopback.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The app client patients (and, without <see cref="DashboardClientId"/>, staff) sign in through; it must have no
    /// client secret (USER_PASSWORD_AUTH allowed, and with a hosted UI and no dashboard client the authorization-code grant too).
    /// </summary>
    public string? AppClientId { get; set; }

    /// <summary>
    /// The app client the dashboard signs staff in through on the hosted UI (authorization code with PKCE, no secret), when
    /// it is not <see cref="AppClientId"/>: as deploy/terraform makes them, one client per way of signing in.
    /// </summary>
    public string? DashboardClientId { get; set; }

    /// <summary>The app client the hosted UI signs the dashboard in through.</summary>
    public string? HostedUiClientId => string.IsNullOrWhiteSpace(DashboardClientId) ? AppClientId : DashboardClientId;

    /// <summary>The app clients whose tokens the API accepts: the patients' and the dashboard's.</summary>
    public IReadOnlyList<string> AcceptedClientIds => [.. new[] { AppClientId, DashboardClientId }.OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The pool's hosted sign-in domain, e.g. <c>https://clinic.auth.ap-southeast-2.amazoncognito.com</c> (plain HTTP only
    /// on loopback); when set, the dashboard signs staff in there instead of with its password form.
    /// </summary>
    public string? HostedUiDomain { get; set; }

    /// <summary>The OAuth scopes the dashboard asks the hosted UI for, space-separated; they must be allowed on the app client.</summary>
    public string HostedUiScope { get; set; } = "openid";

    /// <summary>
    /// Where the hosted UI may send staff back to, besides the gateway's own <c>/dashboard/</c>: the dashboard's public
    /// addresses when a proxy in front of the gateway changes the scheme or host (each also an allowed callback URL of the app client).
    /// </summary>
    public IList<string> HostedUiCallbackUrls { get; } = [];

    /// <summary>Leeway for the token's expiry against our clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one call to Cognito's API may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where Cognito's JSON API is served.</summary>
    public Uri ServiceUrl => Endpoint is { Length: > 0 } e ? new Uri(e.TrimEnd('/') + "/") : new Uri($"https://cognito-idp.{Region}.amazonaws.com/");

    /// <summary>The <c>iss</c> every token of the pool carries.</summary>
    public string Issuer => ServiceUrl.AbsoluteUri + UserPoolId;

    /// <summary>The pool's signing keys.</summary>
    public string JwksUrl => Issuer + "/.well-known/jwks.json";

    /// <summary>The hosted UI's base URL, or null when staff sign in with the password form.</summary>
    public Uri? HostedUi => HostedUiDomain is { Length: > 0 } d ? new Uri(d.TrimEnd('/') + "/") : null;

    /// <summary>True when the endpoint is a loopback stand-in, the only place plain HTTP is allowed.</summary>
    public bool IsLoopbackStandIn => Endpoint is { Length: > 0 } && ServiceUrl.IsLoopback;
}
