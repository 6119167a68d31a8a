using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// A minimal local stand-in for Twilio's Messages API over real HTTP: answers each <c>…/Messages.json</c> POST with
/// 201 and a queued message, and records its recipient, text and arrival time. Requests are served concurrently, so
/// the stand-in is not what limits the rate. Anything else is answered 404 and not recorded.
/// </summary>
internal sealed class ProviderStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<SmsArrival> sms = new();
    private readonly LoopbackHttpServer server;

    public ProviderStandIn() => server = LoopbackHttpServer.Start(Answer, concurrent: true);

    /// <summary>Where the stand-in listens (the <c>BaseUrl</c> to give the clinic).</summary>
    public Uri Url => server.Url;

    /// <summary>How many SMS requests have arrived so far.</summary>
    public int SmsCount => sms.Count;

    /// <summary>The SMS requests received so far, in arrival order.</summary>
    public IReadOnlyList<SmsArrival> Sms => [.. sms];

    public ValueTask DisposeAsync() => server.DisposeAsync();

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
}

/// <summary>One SMS request the stand-in answered: when (<see cref="Stopwatch.GetTimestamp"/>), to whom, what text.</summary>
internal sealed record SmsArrival(long At, string To, string Body);
