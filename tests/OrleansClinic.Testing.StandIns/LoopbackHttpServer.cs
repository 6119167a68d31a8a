using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrleansClinic.Testing.StandIns;

/// <summary>
/// An <see cref="HttpListener"/> on a loopback port that hands every request to a stand-in's handler: the one accept
/// loop the stand-ins of outside services share. A handler that throws drops that connection, never the server.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Func<HttpListenerContext, Task> handle;
    private readonly bool concurrent;
    private readonly ConcurrentDictionary<Task, byte> inFlight = new();
    private readonly Task serving;

    private LoopbackHttpServer(HttpListener listener, Uri url, Func<HttpListenerContext, Task> handle, bool concurrent)
    {
        (this.listener, Url, this.handle, this.concurrent) = (listener, url, handle, concurrent);
        serving = Task.Run(Serve);
    }

    /// <summary>Where the server listens, such as <c>http://127.0.0.1:4599/</c>.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts serving on <paramref name="port"/>, or a free port when it is 0. <paramref name="concurrent"/> answers
    /// requests side by side; otherwise one at a time, in arrival order.
    /// </summary>
    public static LoopbackHttpServer Start(Func<HttpListenerContext, Task> handle, bool concurrent = true, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(handle);
        for (var attempt = 0; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{(port == 0 ? FreePort() : port)}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.AbsoluteUri);
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, url, handle, concurrent);
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
                // Another process took the port between probing and binding.
                listener.Close();
            }
        }
    }

    /// <summary>A loopback port no one listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Stops listening (later calls are refused at the TCP level) and waits for the requests under way.</summary>
    public async Task StopAsync()
    {
        if (listener.IsListening)
        {
            listener.Stop();
        }

        await serving;
        await Task.WhenAll(inFlight.Keys);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        listener.Close();
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (!concurrent)
            {
                await Answer(context);
                continue;
            }

            var answering = Task.Run(() => Answer(context));
            inFlight.TryAdd(answering, 0);
            _ = answering.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            await handle(context);
        }
#pragma warning disable CA1031 // A stand-in that cannot answer one request drops it and keeps serving the rest.
        catch (Exception)
#pragma warning restore CA1031
        {
            context.Response.Abort();
        }
    }
}
