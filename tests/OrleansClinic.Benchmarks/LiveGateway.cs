using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Gateway;
using OrleansClinic.Hosting.Events;

namespace OrleansClinic.Benchmarks;

/// <summary>The real gateway (co-hosted silo, outbox relay, Kafka streams, SSE hub) on a loopback port in this process.</summary>
internal sealed class LiveGateway : IAsyncDisposable
{
    private readonly WebApplication app;

    private LiveGateway(WebApplication app, Uri address) => (this.app, Address) = (app, address);

    /// <summary>Where the gateway listens.</summary>
    public Uri Address { get; }

    /// <summary>The co-hosted cluster, for what the API cannot do yet (registering patients).</summary>
    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The in-process Kafka's bootstrap servers; null when the gateway uses a real Kafka.</summary>
    public string? EmbeddedKafka => app.Services.GetService<EmbeddedKafka>()?.BootstrapServers;

    /// <summary>Starts a fresh gateway whose relay polls every <paramref name="poll"/>; <paramref name="extraArgs"/> win over the defaults.</summary>
    public static async Task<LiveGateway> Start(TimeSpan poll, IReadOnlyList<string> extraArgs)
    {
        var (http, silo, gateway) = FreePorts();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}",
            $"--Orleans:SiloPort={silo.ToString(CultureInfo.InvariantCulture)}",
            $"--Orleans:GatewayPort={gateway.ToString(CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:Orleans=Warning",
            "--Logging:LogLevel:OrleansClinic=Warning",

            // The hub logs a warning for each subscription it cannot end once the silo is already stopping: shutdown noise here.
            "--Logging:LogLevel:OrleansClinic.Gateway.Live.LiveStreamHub=Error",
            "--Logging:Console:FormatterOptions:SingleLine=true",
            $"--Clinic:Outbox:PollInterval={poll.ToString("c", CultureInfo.InvariantCulture)}",
            .. extraArgs,
        ];

        var builder = WebApplication.CreateBuilder(args);
        builder.AddClinicGateway();
        var app = builder.Build();
        app.UseClinicGateway();
        await app.StartAsync();
        return new LiveGateway(app, new Uri($"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Three free loopback ports: HTTP, silo, Orleans gateway.</summary>
    // All three listeners are open at once so the OS cannot hand out the same port twice.
    internal static (int Http, int Silo, int Gateway) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
