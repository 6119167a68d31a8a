using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace OrleansClinic.Gateway.Auth;

/// <summary>JWT bearer authentication against Cognito in production, or the development issuer when none is configured.</summary>
public static class ClinicAuthentication
{
    /// <summary>True when the development token issuer is in use (neither <c>Auth:Cognito</c> nor <c>Auth:Authority</c> configured).</summary>
    public static bool UsesDevIssuer(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration["Auth:Authority"]) && !CognitoAuthentication.IsConfigured(configuration);

    /// <summary>Adds authentication and the clinic's authorization policies.</summary>
    public static IHostApplicationBuilder AddClinicAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cognito = CognitoAuthentication.IsConfigured(builder.Configuration);
        var authority = builder.Configuration["Auth:Authority"];
        if (cognito && !string.IsNullOrWhiteSpace(authority))
        {
            throw new InvalidOperationException($"Configure either {CognitoOptions.Section} or Auth:Authority, not both.");
        }

        var devIssuer = UsesDevIssuer(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = ClinicClaims.Subject,
                RoleClaimType = ClinicClaims.Groups,
                ValidateIssuer = true,
                ValidIssuer = devIssuer ? DevTokenIssuer.Issuer : authority,
                // Cognito access tokens carry no audience; the app client is checked through client_id instead.
                ValidateAudience = false,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!devIssuer && !cognito)
            {
                options.Authority = authority;
            }

            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    IReadOnlyCollection<string>? clientIds = cognito ? context.HttpContext.RequestServices.GetRequiredService<IOptions<CognitoOptions>>().Value.AcceptedClientIds
                        : devIssuer ? [DevTokenIssuer.ClientId] : null;
                    if (ClinicTokenChecks.Refusal(context.Principal, clientIds) is { } refusal)
                    {
                        context.Fail(refusal);
                    }

                    return Task.CompletedTask;
                },
            };
        });
        if (cognito)
        {
            builder.Services.AddCognitoAuthentication();
        }

        if (devIssuer)
        {
            builder.Services.AddSingleton<DevTokenIssuer>();
            builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<DevTokenIssuer>((options, issuer) => options.TokenValidationParameters.IssuerSigningKey = issuer.SigningKey);
        }

        builder.Services.AddAuthorizationBuilder().AddClinicPolicies();
        return builder;
    }
}
