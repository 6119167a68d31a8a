using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansClinic.Gateway.Tests.Cognito;

[CollectionDefinition(Name)]
public sealed class CognitoCollection : ICollectionFixture<CognitoGateway>
{
    public const string Name = "Cognito";
}

/// <summary>
/// A real cognito-local with a user pool, its app client, a second app client and the five clinic groups; the
/// post-confirmation stand-in Lambda; and a gateway configured for that pool through <c>Auth:Cognito</c>.
/// </summary>
public sealed class CognitoGateway : IAsyncLifetime
{
    private PostConfirmationLambda? lambda;
    private CognitoLocalProcess? cognito;
    private ClinicGatewayHost? gateway;

    public CognitoLocalProcess Cognito => cognito ?? throw new InvalidOperationException("not started");

    public ClinicGatewayHost Gateway => gateway ?? throw new InvalidOperationException("not started");

    public PostConfirmationLambda Lambda => lambda ?? throw new InvalidOperationException("not started");

    public string PoolId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

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

        var pool = await Cognito.Call("CreateUserPool", new { PoolName = "clinic-tests", UsernameAttributes = new[] { "email" }, AutoVerifiedAttributes = new[] { "email" } });
        PoolId = pool.GetProperty("UserPool").GetProperty("Id").GetString()!;
        ClientId = await CreateClient("clinic-gateway");
        OtherClientId = await CreateClient("some-other-app");
        foreach (var role in new[] { "patient", "doctor", "receptionist", "practice_manager", "admin" })
        {
            await Cognito.Call("CreateGroup", new { UserPoolId = PoolId, GroupName = role });
        }

        gateway = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Auth:Cognito:UserPoolId"] = PoolId,
            ["Auth:Cognito:Endpoint"] = Cognito.Endpoint.AbsoluteUri,
            ["Auth:Cognito:AppClientId"] = ClientId,
        });
        _ = gateway.Server;
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
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

    private async Task<string> CreateClient(string name)
    {
        var client = await Cognito.Call("CreateUserPoolClient", new
        {
            UserPoolId = PoolId,
            ClientName = name,
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        return client.GetProperty("UserPoolClient").GetProperty(nameof(ClientId)).GetString()!;
    }
}
