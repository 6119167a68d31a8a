using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OrleansClinic.Gateway.Auth;

/// <summary>Production sign-in: access tokens of one Cognito user pool, and the typed clients for its sign-up and sign-in API and its hosted UI.</summary>
public static class CognitoAuthentication
{
    /// <summary>True when <c>Auth:Cognito</c> is present; a half-filled section then fails start-up instead of falling back to the development issuer.</summary>
    public static bool IsConfigured(IConfiguration configuration) => configuration.GetSection(CognitoOptions.Section).Exists();

    /// <summary>Adds the pool's options (validated at start), the identity and hosted UI clients, and the bearer settings that trust only this pool.</summary>
    public static IServiceCollection AddCognitoAuthentication(this IServiceCollection services)
    {
        services.AddOptions<CognitoOptions>().BindConfiguration(CognitoOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CognitoOptions>, CognitoOptionsValidator>());
        services.AddHttpClient<CognitoIdentityClient>((provider, http) =>
        {
            var cognito = provider.GetRequiredService<IOptions<CognitoOptions>>().Value;
            http.BaseAddress = cognito.ServiceUrl;
            http.Timeout = cognito.RequestTimeout;
        });
        services.AddHttpClient<CognitoHostedUiClient>((provider, http) =>
        {
            var cognito = provider.GetRequiredService<IOptions<CognitoOptions>>().Value;
            http.BaseAddress = cognito.HostedUi;
            http.Timeout = cognito.RequestTimeout;
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<CognitoOptions>>((jwt, options) =>
        {
            var cognito = options.Value;
            var https = !cognito.IsLoopbackStandIn;
            jwt.RequireHttpsMetadata = https;
            // Keys come from the pool's JWKS, refreshed by the manager (and at once when a token names an unknown kid).
            jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                cognito.JwksUrl, new CognitoJwksRetriever(cognito.Issuer), new HttpDocumentRetriever { RequireHttps = https });
            var parameters = jwt.TokenValidationParameters;
            parameters.ValidIssuer = cognito.Issuer;
            parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            parameters.RequireSignedTokens = true;
            parameters.RequireExpirationTime = true;
            parameters.ClockSkew = cognito.ClockSkew;
        });
        return services;
    }
}
