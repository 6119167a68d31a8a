using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace OrleansClinic.Testing.StandIns;

/// <summary>
/// Cognito's hosted sign-in pages for one app client, over real HTTP on a loopback port, in front of a running
/// cognito-local (which has no hosted UI): <c>GET /oauth2/authorize</c> shows an email and password form,
/// <c>POST /login</c> checks them with cognito-local's own <c>InitiateAuth</c> (USER_PASSWORD_AUTH) and sends the browser
/// back with a one-time code, <c>POST /oauth2/token</c> redeems the code for cognito-local's genuine tokens, and
/// <c>GET /logout</c> sends the browser to its sign-out URL.
/// </summary>
/// <remarks>
/// Checked as Cognito checks them: the client id; the redirect URI against the callback list (a wrong one is an error
/// page, never a redirect); PKCE with S256 only; a code is bound to its client, redirect URI and challenge, lives five
/// minutes and is gone after its first presentation, right or wrong. OAuth errors are <c>400 {"error": ...}</c>.
/// </remarks>
public sealed class CognitoHostedUiStandIn : IAsyncDisposable
{
    /// <summary>How long a code may wait to be redeemed (Cognito's own limit).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly string clientId;
    private readonly HashSet<string> callbackUrls;
    private readonly HttpClient cognito;
    private readonly ConcurrentDictionary<string, IssuedCode> codes = new(StringComparer.Ordinal);
    private LoopbackHttpServer? server;
    private int tokenRequests;
    private int signOuts;

    private CognitoHostedUiStandIn(Uri cognitoEndpoint, string clientId, IEnumerable<string> callbackUrls)
    {
        this.clientId = clientId;
        this.callbackUrls = callbackUrls.Select(u => new Uri(u).AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        cognito = new HttpClient { BaseAddress = cognitoEndpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The hosted UI's domain, such as <c>http://127.0.0.1:4599/</c>: what <c>Auth:Cognito:HostedUiDomain</c> names.</summary>
    public Uri Url => server!.Url;

    /// <summary>How many times <c>POST /oauth2/token</c> was called, whatever the answer.</summary>
    public int TokenRequests => Volatile.Read(ref tokenRequests);

    /// <summary>How many browsers were signed out through <c>GET /logout</c>.</summary>
    public int SignOuts => Volatile.Read(ref signOuts);

    /// <summary>
    /// Starts the pages for app client <paramref name="clientId"/> of the pool served by the cognito-local at
    /// <paramref name="cognitoEndpoint"/>, returning only to <paramref name="callbackUrls"/> (also its sign-out URLs).
    /// </summary>
    public static CognitoHostedUiStandIn Start(Uri cognitoEndpoint, string clientId, params string[] callbackUrls)
    {
        var standIn = new CognitoHostedUiStandIn(cognitoEndpoint, clientId, callbackUrls);
        standIn.server = LoopbackHttpServer.Start(standIn.Answer);
        return standIn;
    }

    /// <summary>The challenge for <paramref name="verifier"/>: <c>BASE64URL(SHA256(ASCII(verifier)))</c> (RFC 7636, S256).</summary>
    public static string ChallengeFor(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server!.DisposeAsync();
        cognito.Dispose();
    }

    private async Task Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var route = (request.HttpMethod, request.Url!.AbsolutePath);
        if (route == ("GET", "/oauth2/authorize"))
        {
            await Authorize(context, request.QueryString, failure: null);
        }
        else if (route == ("POST", "/login"))
        {
            await Login(context, HttpUtility.ParseQueryString(await ReadBody(request)));
        }
        else if (route == ("POST", "/oauth2/token"))
        {
            Interlocked.Increment(ref tokenRequests);
            var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
                ? HttpUtility.ParseQueryString(await ReadBody(request))
                : null;
            var (status, body) = form is null ? OAuthError("invalid_request") : Redeem(form);
            context.Response.Headers["Cache-Control"] = "no-store";
            await Send(context, status, "application/json;charset=UTF-8", body.ToJsonString());
        }
        else if (route == ("GET", "/logout"))
        {
            var logoutUri = request.QueryString["logout_uri"];
            if (request.QueryString["client_id"] != clientId || !IsCallback(logoutUri))
            {
                await Send(context, 400, "text/html;charset=utf-8", Page("An error was encountered", "<p>Invalid logout_uri or client_id.</p>"));
                return;
            }

            Interlocked.Increment(ref signOuts);
            Redirect(context, logoutUri!);
        }
        else
        {
            await Send(context, 404, "text/plain", "not found");
        }
    }

    // Cognito shows an error page, and redirects nowhere, until the client and redirect URI are known good.
    private async Task Authorize(HttpListenerContext context, System.Collections.Specialized.NameValueCollection query, string? failure)
    {
        if (query["client_id"] != clientId || !IsCallback(query["redirect_uri"]))
        {
            await Send(context, 400, "text/html;charset=utf-8", Page("An error was encountered", "<p>redirect_mismatch: unknown client_id or redirect_uri.</p>"));
            return;
        }

        var redirectUri = query["redirect_uri"]!;
        if (query["response_type"] != "code")
        {
            Redirect(context, WithQuery(redirectUri, ("error", "unsupported_response_type"), ("state", query["state"])));
            return;
        }

        if (query["code_challenge_method"] != "S256" || query["code_challenge"] is not { Length: 43 } challenge || challenge.Any(c => !IsBase64UrlChar(c)))
        {
            Redirect(context, WithQuery(redirectUri, ("error", "invalid_request"), ("error_description", "PKCE with S256 is required"), ("state", query["state"])));
            return;
        }

        var hidden = new StringBuilder();
        foreach (var name in new[] { "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method" })
        {
            if (query[name] is { } value)
            {
                hidden.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(value)}\">");
            }
        }

        var error = failure is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(failure)}</p>";
        await Send(context, 200, "text/html;charset=utf-8", Page("Sign in", $"""
            {error}
            <form method="post" action="/login">
              {hidden}
              <label for="username">Email</label> <input id="username" name="username" type="email" autocomplete="username">
              <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
              <button type="submit">Sign in</button>
            </form>
            """));
    }

    private async Task Login(HttpListenerContext context, System.Collections.Specialized.NameValueCollection form)
    {
        if (form["client_id"] != clientId || !IsCallback(form["redirect_uri"]) || form["code_challenge"] is not { Length: 43 } challenge || form["code_challenge_method"] != "S256")
        {
            await Authorize(context, form, failure: null);
            return;
        }

        var tokens = await InitiateAuth(form["username"] ?? "", form["password"] ?? "");
        if (tokens is null)
        {
            await Authorize(context, form, "Incorrect username or password.");
            return;
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(32));
        codes[code] = new IssuedCode(form["client_id"]!, form["redirect_uri"]!, challenge, tokens, DateTime.UtcNow + CodeLifetime);
        Redirect(context, WithQuery(form["redirect_uri"]!, ("code", code), ("state", form["state"])));
    }

    private (int Status, JsonObject Body) Redeem(System.Collections.Specialized.NameValueCollection form)
    {
        if (form["grant_type"] != "authorization_code")
        {
            return OAuthError("unsupported_grant_type");
        }

        if (form["client_id"] != clientId)
        {
            return OAuthError("invalid_client");
        }

        // Single use: the first presentation spends the code, whether or not the rest of the request is right.
        if (form["code"] is not { } code || !codes.TryRemove(code, out var issued) || issued.Expires < DateTime.UtcNow)
        {
            return OAuthError("invalid_grant");
        }

        var verifier = form["code_verifier"] ?? "";
        var verified = verifier.Length is >= 43 and <= 128
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChallengeFor(verifier)), Encoding.ASCII.GetBytes(issued.Challenge));
        if (issued.ClientId != form["client_id"] || issued.RedirectUri != form["redirect_uri"] || !verified)
        {
            return OAuthError("invalid_grant");
        }

        var result = issued.Tokens;
        return (200, new JsonObject
        {
            ["id_token"] = result["IdToken"]?.GetValue<string>(),
            ["access_token"] = result["AccessToken"]?.GetValue<string>(),
            ["refresh_token"] = result["RefreshToken"]?.GetValue<string>(),
            ["expires_in"] = result["ExpiresIn"]?.GetValue<int>() ?? 3600,
            ["token_type"] = "Bearer",
        });
    }

    // The password check is cognito-local's: its tokens are the ones the gateway validates, exactly as Cognito's in production.
    private async Task<JsonObject?> InitiateAuth(string email, string password)
    {
        var body = JsonSerializer.Serialize(new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = email, ["PASSWORD"] = password },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
        using var response = await cognito.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject();
        return response.IsSuccessStatusCode ? answer?["AuthenticationResult"]?.AsObject() : null;
    }

    private bool IsCallback(string? uri) => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && callbackUrls.Contains(parsed.AbsoluteUri);

    private static (int, JsonObject) OAuthError(string error) => (400, new JsonObject { ["error"] = error });

    private static string WithQuery(string uri, params (string Name, string? Value)[] parameters) =>
        uri + (uri.Contains('?', StringComparison.Ordinal) ? '&' : '?')
            + string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>";

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<string> ReadBody(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static void Redirect(HttpListenerContext context, string location)
    {
        context.Response.StatusCode = 302;
        context.Response.Headers["Location"] = location;
        context.Response.Headers["Cache-Control"] = "no-store";
        context.Response.Close();
    }

    private static async Task Send(HttpListenerContext context, int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers["Cache-Control"] = "no-store";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private sealed record IssuedCode(string ClientId, string RedirectUri, string Challenge, JsonObject Tokens, DateTime Expires);
}
