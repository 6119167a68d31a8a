using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Testing.StandIns;

[assembly: AssemblyFixture(typeof(OrleansClinic.Gateway.Tests.ClinicApi))]

namespace OrleansClinic.Gateway.Tests;

/// <summary>The gateway hosted in-process on its embedded defaults (co-hosted silo, in-memory storage, demo clinic), shared by the test classes.</summary>
public sealed class ClinicApi() : ClinicGatewayHost(new Dictionary<string, string?>()), IAsyncLifetime
{
    /// <summary>
    /// Starts the host before any test runs: test classes run in parallel, and WebApplicationFactory's lazy start is not
    /// thread-safe, so two first calls at once could each build a host (two silos, with doctors in one and bookings in the other).
    /// </summary>
    public ValueTask InitializeAsync()
    {
        _ = Server;
        return ValueTask.CompletedTask;
    }
}

/// <summary>The gateway hosted in-process with extra settings and test services; free ports for its silo.</summary>
public class ClinicGatewayHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? testServices;

    public ClinicGatewayHost(IDictionary<string, string?> extra, Action<IServiceCollection>? services = null)
    {
        testServices = services;
        settings = new Dictionary<string, string?>(extra)
        {
            ["Orleans:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    /// <summary>A client signed in as <paramref name="subject"/> with <paramref name="roles"/> through the development issuer.</summary>
    public async Task<HttpClient> SignIn(string subject, params string[] roles)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/dev/token", new { subject, roles });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.access_token);
        return client;
    }

    public static int FreePort() => LocalPorts.Free();

#pragma warning disable IDE1006, CA1812 // the token response's own spelling
    private sealed record TokenBody(string access_token);
#pragma warning restore IDE1006, CA1812
}
