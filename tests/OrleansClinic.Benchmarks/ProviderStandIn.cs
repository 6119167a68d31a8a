using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// A minimal local stand-in for Twilio's Messages API over real HTTP: answers each <c>…/Messages.json</c> POST with
/// 201 and a queued message, and records its recipient, text and arrival time. Requests are served concurrently, so
/// the stand-in is not what limits the rate. Anything else is answered 404 and not recorded.
/// </summary>
internal sealed class ProviderStandIn : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly ConcurrentQueue<SmsArrival> sms = new();
    private readonly ConcurrentDictionary<Task, byte> inFlight = new();

    public ProviderStandIn()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");
        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        loop = Task.Run(Serve);
    }

    /// <summary>Where the stand-in listens (the <c>BaseUrl</c> to give the clinic).</summary>
    public Uri Url { get; }

    /// <summary>How many SMS requests have arrived so far.</summary>
    public int SmsCount => sms.Count;

    /// <summary>The SMS requests received so far, in arrival order.</summary>
    public IReadOnlyList<SmsArrival> Sms => [.. sms];

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
            await Task.WhenAll(inFlight.Keys);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var handling = Task.Run(() => Answer(context));
            inFlight.TryAdd(handling, 0);
            _ = handling.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var response = context.Response;
            if (context.Request.HttpMethod == "POST" && context.Request.Url!.AbsolutePath.EndsWith("/Messages.json", StringComparison.Ordinal))
            {
                var form = Form(body);
                sms.Enqueue(new SmsArrival(Stopwatch.GetTimestamp(), form.GetValueOrDefault("To", ""), form.GetValueOrDefault("Body", "")));
                await Write(response, 201, $$"""{"sid":"SM{{Guid.NewGuid():N}}","status":"queued"}""");
            }
            else
            {
                await Write(response, 404, """{"code":20404,"message":"not a stand-in resource","status":404}""");
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The listener closed under a request (shutdown): nothing to answer.
        }
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .GroupBy(p => WebUtility.UrlDecode(p[0]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last() is { Length: > 1 } p ? WebUtility.UrlDecode(p[1]) : "", StringComparer.Ordinal);

    private static async Task Write(HttpListenerResponse response, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>One SMS request the stand-in answered: when (<see cref="Stopwatch.GetTimestamp"/>), to whom, what text.</summary>
internal sealed record SmsArrival(long At, string To, string Body);
