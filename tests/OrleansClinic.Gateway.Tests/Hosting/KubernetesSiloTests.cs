using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansClinic.Hosting;

namespace OrleansClinic.Gateway.Tests.Hosting;

/// <summary>Where a silo says it can be reached: the pod's address in Kubernetes (deploy/k8s), loopback on one machine.</summary>
public sealed class KubernetesSiloTests
{
    private const string Postgres = "Host=127.0.0.1;Port=5432;Username=clinic;Database=clinic";

    [Fact]
    public void A_silo_in_a_pod_advertises_the_pods_address_and_listens_on_every_interface()
    {
        var endpoints = Endpoints(new() { ["ConnectionStrings:Clinic"] = Postgres, ["POD_NAMESPACE"] = "orleans-clinic", ["POD_IP"] = "10.20.30.40" });

        Assert.Equal(IPAddress.Parse("10.20.30.40"), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public void A_silo_on_one_machine_stays_on_loopback()
    {
        var endpoints = Endpoints(new() { ["ConnectionStrings:Clinic"] = Postgres, ["POD_IP"] = "10.20.30.40" });

        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.Equal(IPAddress.Loopback, endpoints.SiloListeningEndpoint?.Address ?? IPAddress.Loopback);
    }

    [Fact]
    public void A_pod_without_its_address_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Endpoints(new() { ["ConnectionStrings:Clinic"] = Postgres, ["POD_NAMESPACE"] = "orleans-clinic" }));

        Assert.Contains("POD_IP", error.Message, StringComparison.Ordinal);
    }

    private static EndpointOptions Endpoints(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddClinicSilo();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }
}
