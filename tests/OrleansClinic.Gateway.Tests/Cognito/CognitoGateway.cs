using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansClinic.Gateway.Dashboard;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Gateway.Tests.Cognito;

[CollectionDefinition(Name)]
public sealed class CognitoCollection : ICollectionFixture<CognitoGateway>
{
    public const string Name = "Cognito";
}

/// <summary>
/// A real cognito-local with a user pool, its app client, a second app client and the five clinic groups; the
/// post-confirmation stand-in Lambda; a gateway configured for that pool through <c>Auth:Cognito</c>; and the hosted UI
/// stand-in with a second gateway that signs its dashboard in there.
/// </summary>
public sealed class CognitoGateway : IAsyncLifetime
{
    private PostConfirmationLambda? lambda;
    private CognitoLocalProcess? cognito;
    private ClinicGatewayHost? gateway;
    private CognitoHostedUiStandIn? hostedUi;
    private ClinicGatewayHost? hostedGateway;

    /// <summary>A public dashboard address configured in <c>Auth:Cognito:HostedUiCallbackUrls</c>, as when a proxy fronts the gateway.</summary>
    public const string ProxiedDashboard = "https://desk.clinic.example/dashboard/";

    public CognitoLocalProcess Cognito => cognito ?? throw new InvalidOperationException("not started");

    /// <summary>The gateway whose dashboard signs in with the password form (no hosted UI configured).</summary>
    public ClinicGatewayHost Gateway => gateway ?? throw new InvalidOperationException("not started");

    /// <summary>The hosted sign-in pages in front of this pool's cognito-local.</summary>
    public CognitoHostedUiStandIn HostedUi => hostedUi ?? throw new InvalidOperationException("not started");

    /// <summary>A second gateway on the same pool, configured with the hosted UI (started on first use).</summary>
    public ClinicGatewayHost HostedGateway => hostedGateway ?? throw new InvalidOperationException("not started");

    public PostConfirmationLambda Lambda => lambda ?? throw new InvalidOperationException("not started");

    public string PoolId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    /// <summary>The dashboard's own app client, which the hosted UI signs staff in through (as deploy/terraform makes it).</summary>
    public string DashboardClientId { get; private set; } = "";

    /// <summary>Another app client of the same pool: its tokens are genuine but meant for someone else.</summary>
    public string OtherClientId { get; private set; } = "";

    /// <summary>The code cognito-local hands out for every confirmation (its <c>CODE</c> variable), made per run.</summary>
    public string ConfirmationCode { get; } = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Issuer => $"{Cognito.Endpoint.AbsoluteUri}{PoolId}";

    public async ValueTask InitializeAsync()
    {
        var port = ClinicGatewayHost.FreePort();
        lambda = new PostConfirmationLambda(ClinicGatewayHost.FreePort(), (target, body) => Cognito.Call(target, body));
        var config = new JsonObject
        {
            ["TokenConfig"] = new JsonObject { ["IssuerDomain"] = $"http://127.0.0.1:{port}" },
            ["TriggerFunctions"] = new JsonObject { ["PostConfirmation"] = PostConfirmationLambda.FunctionName },
            ["LambdaClient"] = new JsonObject
            {
                ["endpoint"] = lambda.Endpoint.AbsoluteUri.TrimEnd('/'),
                ["region"] = "local",
                ["credentials"] = new JsonObject { ["accessKeyId"] = "local", ["secretAccessKey"] = "local" },
            },
        };
        cognito = await CognitoLocalProcess.Start(port, config, ConfirmationCode);

        PoolId = await Cognito.CreateClinicPool("clinic-tests");
        ClientId = await Cognito.CreateAppClient(PoolId, "clinic-gateway");
        OtherClientId = await Cognito.CreateAppClient(PoolId, "some-other-app");
        DashboardClientId = await Cognito.CreateAppClient(PoolId, "clinic-dashboard");
        gateway = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Auth:Cognito:UserPoolId"] = PoolId,
            ["Auth:Cognito:Endpoint"] = Cognito.Endpoint.AbsoluteUri,
            ["Auth:Cognito:AppClientId"] = ClientId,
        });
        _ = gateway.Server;

        // The test server's own dashboard address, and a public one as if behind a proxy.
        hostedUi = CognitoHostedUiStandIn.Start(Cognito.Endpoint, DashboardClientId, $"http://localhost{DashboardEndpoints.Path}", ProxiedDashboard);
        hostedGateway = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Auth:Cognito:UserPoolId"] = PoolId,
            ["Auth:Cognito:Endpoint"] = Cognito.Endpoint.AbsoluteUri,
            ["Auth:Cognito:AppClientId"] = ClientId,
            ["Auth:Cognito:DashboardClientId"] = DashboardClientId,
            ["Auth:Cognito:HostedUiDomain"] = hostedUi.Url.AbsoluteUri,
            ["Auth:Cognito:HostedUiCallbackUrls:0"] = ProxiedDashboard,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (hostedGateway is not null)
        {
            await hostedGateway.DisposeAsync();
        }

        if (hostedUi is not null)
        {
            await hostedUi.DisposeAsync();
        }

        if (cognito is not null)
        {
            await cognito.DisposeAsync();
        }

        if (lambda is not null)
        {
            await lambda.DisposeAsync();
        }
    }

    /// <summary>A fresh email and a password made for this run (no password lives in the repository).</summary>
    public static (string Email, string Password) NewCredentials() =>
        ($"patient-{Guid.NewGuid():N}@example.test", "Pw-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) + "9a!");

    /// <summary>Signs up, confirms and signs in through the gateway; returns the sign-in body.</summary>
    public async Task<JsonElement> SignUpAndSignIn(string email, string password)
    {
        var client = Gateway.CreateClient();
        var signUp = await client.PostAsJsonAsync("/api/v1/auth/sign-up", new { email, password });
        Assert.True(signUp.StatusCode == HttpStatusCode.Accepted, $"sign-up: {(int)signUp.StatusCode} {await signUp.Content.ReadAsStringAsync()}");
        var confirm = await client.PostAsJsonAsync("/api/v1/auth/confirm", new { email, code = ConfirmationCode });
        Assert.True(confirm.StatusCode == HttpStatusCode.NoContent, $"confirm: {(int)confirm.StatusCode} {await confirm.Content.ReadAsStringAsync()}");
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });
        Assert.True(signIn.StatusCode == HttpStatusCode.OK, $"sign-in: {(int)signIn.StatusCode} {await signIn.Content.ReadAsStringAsync()}");
        return await signIn.Body();
    }

    /// <summary>A gateway client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
