using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansClinic.Gateway.Auth;

/// <summary>
/// The embedded mode's token issuer: signs tokens shaped like Cognito access tokens with a key made at start-up, so a
/// newcomer can call the API without a user pool. Never registered when a real issuer is configured.
/// </summary>
public sealed class DevTokenIssuer : IDisposable
{
    /// <summary>Issuer name written into and required of development tokens.</summary>
    public const string Issuer = "orleans-clinic-dev";

    /// <summary>App client id written into development tokens.</summary>
    public const string ClientId = "orleans-clinic-dev-client";

    /// <summary>Lifetime of a development token.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly RSA rsa = RSA.Create(2048);

    /// <summary>Creates the issuer with a fresh signing key.</summary>
    public DevTokenIssuer() => SigningKey = new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>The key tokens are signed with and validated against.</summary>
    public SecurityKey SigningKey { get; }

    /// <summary>A signed access token for <paramref name="subject"/> in <paramref name="roles"/>.</summary>
    public string Issue(string subject, IReadOnlyCollection<string> roles, DateTime utcNow)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = utcNow,
            NotBefore = utcNow,
            Expires = utcNow + Lifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                [ClinicClaims.Subject] = subject,
                [ClinicClaims.Groups] = roles.ToArray(),
                [ClinicClaims.TokenUse] = "access",
                [ClinicClaims.ClientId] = ClientId,
                ["username"] = subject,
                ["scope"] = "openid",
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <inheritdoc />
    public void Dispose() => rsa.Dispose();
}
