using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansClinic.Audit;
using OrleansClinic.Gateway.Auth;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Gateway.Dashboard;
using OrleansClinic.Gateway.Http;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/auth</c>: patients sign up, confirm and sign in through the Cognito user pool, and the dashboard trades a
/// hosted UI sign-in code for tokens; mapped only when a pool is configured.
/// </summary>
public static partial class AuthEndpoints
{
    /// <summary>Longest password accepted; Cognito's own limit is 256.</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>Longest email accepted (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Longest sign-in code accepted from the hosted UI (Cognito's are UUIDs).</summary>
    public const int MaxCodeLength = 512;

    /// <summary>Maps the sign-up, confirm and sign-in endpoints when <c>Auth:Cognito</c> is configured, and the code exchange when its hosted UI is.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (!CognitoAuthentication.IsConfigured(configuration))
        {
            return app;
        }

        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentication").AllowAnonymous();
        auth.MapPost("/sign-up", SignUp).WithName("SignUp");
        auth.MapPost("/confirm", Confirm).WithName("ConfirmSignUp");
        auth.MapPost("/sign-in", SignIn).WithName("SignIn");
        if (!string.IsNullOrWhiteSpace(configuration[$"{CognitoOptions.Section}:{nameof(CognitoOptions.HostedUiDomain)}"]))
        {
            auth.MapPost("/hosted/token", ExchangeHostedCode).WithName("ExchangeHostedSignInCode");
        }

        return app;
    }

    private static async Task<Results<Created<SignUpResponse>, Accepted<SignUpResponse>, ProblemHttpResult>> SignUp(
        CredentialsRequest? request, CognitoIdentityClient cognito, HttpContext http)
    {
        var reader = new FieldReader();
        var email = Email(reader, request?.Email);
        var password = Password(reader, request?.Password);
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        // The patient group is granted by the pool's post-confirmation trigger, not here: the gateway holds no admin rights on the pool.
        var result = await cognito.SignUp(email, password, http.RequestAborted);
        if (!result.Succeeded)
        {
            return CognitoProblems.For(result.Error!, http);
        }

        var account = new SignUpResponse(result.Value!.UserSub, !result.Value.Confirmed);
        return account.ConfirmationRequired ? TypedResults.Accepted((string?)null, account) : TypedResults.Created((string?)null, account);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Confirm(ConfirmSignUpRequest? request, CognitoIdentityClient cognito, HttpContext http)
    {
        var reader = new FieldReader();
        var email = Email(reader, request?.Email);
        var code = request?.Code;
        if (string.IsNullOrEmpty(code) || code.Length > 64 || code.Any(c => c <= ' ' || c > '~'))
        {
            reader.Fail("code", "must be the code sent by email");
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var result = await cognito.ConfirmSignUp(email, code!, http.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : CognitoProblems.For(result.Error!, http);
    }

    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> SignIn(CredentialsRequest? request, CognitoIdentityClient cognito, HttpContext http, IGrainFactory grains)
    {
        var reader = new FieldReader();
        var email = Email(reader, request?.Email);
        var password = Password(reader, request?.Password);
        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var result = await cognito.SignIn(email, password, http.RequestAborted);
        if (!result.Succeeded)
        {
            // At sign-in a password-policy refusal can only mean a wrong password (cognito-local says so this way), and it
            // must answer exactly as an unknown account does.
            var error = result.Error!.Type.EndsWith("InvalidPasswordException", StringComparison.Ordinal)
                ? result.Error with { Type = "NotAuthorizedException" }
                : result.Error;
            if (error.Type.EndsWith("NotAuthorizedException", StringComparison.Ordinal) || error.Type.EndsWith("UserNotFoundException", StringComparison.Ordinal))
            {
                // Audited without a name: the user name is an email address, and this may not even be a user.
                await grains.GetGrain<IAuditDeskGrain>(0).RecordSignIn(null, succeeded: false, CorrelationId.Of(http));
            }

            return CognitoProblems.For(error, http);
        }

        var tokens = result.Value!;
        if (tokens.AccessToken is null)
        {
            // MFA and forced password changes are answered through Cognito's own flows, which this API does not relay yet.
            return Problems.Create(StatusCodes.Status403Forbidden, "sign-in-challenge", "Sign-in needs a further step.", $"Cognito asks for {tokens.Challenge}.");
        }

        return await SignedIn(tokens, http, grains);
    }

    // The dashboard, back from the hosted UI with a code: the gateway redeems it so the page talks to no one but the gateway.
    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> ExchangeHostedCode(
        HostedTokenRequest? request, CognitoHostedUiClient hostedUi, IOptions<CognitoOptions> options, HttpContext http, IGrainFactory grains)
    {
        var reader = new FieldReader();
        var code = request?.Code;
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || code.Any(c => c <= ' ' || c > '~'))
        {
            reader.Fail("code", "must be the code the sign-in page returned");
        }

        var verifier = request?.CodeVerifier;
        if (verifier is null || !CodeVerifier().IsMatch(verifier))
        {
            reader.Fail("codeVerifier", "must be 43 to 128 letters, digits, '-', '.', '_' or '~' (RFC 7636)");
        }

        var redirectUri = AllowedRedirect(request?.RedirectUri, options.Value, http.Request);
        if (redirectUri is null)
        {
            reader.Fail("redirectUri", "must be this clinic's dashboard address, ending /dashboard/");
        }

        if (!reader.IsValid)
        {
            return Problems.Validation(reader.Errors);
        }

        var result = await hostedUi.ExchangeCode(code!, verifier!, redirectUri!, http.RequestAborted);
        if (!result.Succeeded)
        {
            return CognitoProblems.For(result.Error!, http);
        }

        return await SignedIn(result.Value!, http, grains);
    }

    private static async Task<Ok<SignInResponse>> SignedIn(CognitoTokens tokens, HttpContext http, IGrainFactory grains)
    {
        await grains.GetGrain<IAuditDeskGrain>(0).RecordSignIn(
            new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Subject, succeeded: true, CorrelationId.Of(http));
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new SignInResponse(tokens.AccessToken!, tokens.IdToken, tokens.RefreshToken, tokens.ExpiresIn, tokens.TokenType));
    }

    // Only where the dashboard lives: this gateway's own /dashboard/, or a public address configured for it behind a proxy.
    // Cognito checks the URI against the code too; checking here first keeps the gateway from redeeming codes for anyone else's page.
    private static Uri? AllowedRedirect(string? value, CognitoOptions options, HttpRequest request)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
        {
            return null;
        }

        var own = new Uri(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, DashboardEndpoints.Path));
        return options.HostedUiCallbackUrls.Append(own.AbsoluteUri)
            .Any(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var a) && a.AbsoluteUri == uri.AbsoluteUri) ? uri : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-._~]{43,128}\z")]
    private static partial Regex CodeVerifier();

    private static string Email(FieldReader reader, string? value)
    {
        var email = value?.Trim() ?? "";
        if (email.Length is 0 or > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0)
        {
            reader.Fail("email", $"must be an email address of at most {MaxEmailLength} characters");
        }

        return email;
    }

    private static string Password(FieldReader reader, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxPasswordLength)
        {
            reader.Fail("password", $"must be 1 to {MaxPasswordLength} characters");
        }

        return value ?? "";
    }
}
