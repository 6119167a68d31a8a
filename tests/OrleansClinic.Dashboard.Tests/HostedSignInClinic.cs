using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Dashboard.Tests;

/// <summary>
/// The clinic as production signs staff in: <c>Auth:Cognito</c> with a hosted UI, on a real port. A real cognito-local
/// holds the pool and its users; <see cref="CognitoHostedUiStandIn"/> serves the hosted sign-in pages in front of it.
/// The browser is <see cref="DashboardClinic"/>'s.
/// </summary>
public sealed class HostedSignInClinic : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly int port = LocalPorts.Free();
    private CognitoLocalProcess? cognito;
    private CognitoHostedUiStandIn? hostedUi;
    private string poolId = "";
    private string clientId = "";

    /// <summary>The gateway's address, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{port}");

    /// <summary>The hosted sign-in pages.</summary>
    public CognitoHostedUiStandIn HostedUi => hostedUi ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var cognitoPort = LocalPorts.Free();
        // Tokens name the address they are fetched from as issuer, as Cognito's name the regional endpoint.
        var config = new JsonObject { ["TokenConfig"] = new JsonObject { ["IssuerDomain"] = $"http://127.0.0.1:{cognitoPort}" } };
        cognito = await CognitoLocalProcess.Start(cognitoPort, config, RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture));
        poolId = await cognito.CreateClinicPool("clinic-dashboard");
        clientId = await cognito.CreateAppClient(poolId, "clinic-dashboard");
        hostedUi = CognitoHostedUiStandIn.Start(cognito.Endpoint, clientId, new Uri(Address, "/dashboard/").AbsoluteUri);
        UseKestrel(port);
        StartServer();
    }

    /// <summary>A new account in the pool in <paramref name="group"/>, with a password made for this run.</summary>
    public async Task<(string Email, string Password)> NewStaff(string group)
    {
        var email = $"{group.Replace('_', '-')}-{Guid.NewGuid():N}@example.test";
        var password = "Pw-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) + "9a!";
        await cognito!.AddUser(poolId, email, password, group);
        return (email, password);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Orleans:SiloPort", LocalPorts.Free().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", LocalPorts.Free().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:Cognito:UserPoolId", poolId);
        builder.UseSetting("Auth:Cognito:Endpoint", cognito!.Endpoint.AbsoluteUri);
        builder.UseSetting("Auth:Cognito:AppClientId", clientId);
        builder.UseSetting("Auth:Cognito:HostedUiDomain", HostedUi.Url.AbsoluteUri);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (hostedUi is not null)
        {
            await hostedUi.DisposeAsync();
        }

        if (cognito is not null)
        {
            await cognito.DisposeAsync();
        }
    }
}
