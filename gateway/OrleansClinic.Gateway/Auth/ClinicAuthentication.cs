using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace OrleansClinic.Gateway.Auth;

/// <summary>JWT bearer authentication against Cognito in production, or the development issuer when none is configured.</summary>
public static class ClinicAuthentication
{
    /// <summary>True when the development token issuer is in use (no <c>Auth:Authority</c> configured).</summary>
    public static bool UsesDevIssuer(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration["Auth:Authority"]);

    /// <summary>Adds authentication and the clinic's authorization policies.</summary>
    public static IHostApplicationBuilder AddClinicAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var devIssuer = UsesDevIssuer(builder.Configuration);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = ClinicClaims.Subject,
                RoleClaimType = ClinicClaims.Groups,
                ValidateIssuer = true,
                ValidIssuer = devIssuer ? DevTokenIssuer.Issuer : builder.Configuration["Auth:Authority"],
                // Cognito access tokens carry no audience; the app client is checked through client_id instead.
                ValidateAudience = false,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!devIssuer)
            {
                options.Authority = builder.Configuration["Auth:Authority"];
            }

            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (context.Principal?.FindFirst(ClinicClaims.TokenUse)?.Value != "access")
                    {
                        context.Fail("Only access tokens are accepted.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
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
