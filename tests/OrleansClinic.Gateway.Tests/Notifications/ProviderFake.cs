using System.Collections.Concurrent;
using System.Net;
using System.Text;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Gateway.Tests.Notifications;

/// <summary>
/// A local stand-in for Twilio's Messages API and SendGrid's mail-send API over real HTTP: it records every request
/// (method, path, headers, body) and answers as the provider would, or with a queued failure.
/// </summary>
public sealed class ProviderFake : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> failures = new();
    private readonly LoopbackHttpServer server;

    // One request at a time: a queued failure answers exactly the next request.
    public ProviderFake() => server = LoopbackHttpServer.Start(Answer, concurrent: false);

    public Uri Url => server.Url;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<RecordedRequest> Sms => [.. Requests.Where(r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> Emails => [.. Requests.Where(r => r.Path == "/v3/mail/send")];

    /// <summary>The next request is answered with <paramref name="status"/> (and Retry-After when given).</summary>
    public void FailNext(int status, string? retryAfter = null) => failures.Enqueue((status, retryAfter));

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task Answer(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Url!.AbsolutePath;
        Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, path, headers, body));
        var response = context.Response;
        if (failures.TryDequeue(out var failure))
        {
            response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                response.Headers["Retry-After"] = failure.RetryAfter;
            }

            await Write(response, """{"code":20429,"message":"stand-in refusal","status":429}""");
            return;
        }

        if (path.EndsWith("/Messages.json", StringComparison.Ordinal))
        {
            response.StatusCode = 201;
            await Write(response, $$"""{"sid":"SM{{Guid.NewGuid():N}}","status":"queued"}""");
        }
        else
        {
            response.StatusCode = 202;
            response.Headers["X-Message-Id"] = "sg-" + Guid.NewGuid().ToString("N")[..16];
            await Write(response, "");
        }
    }

    private static async Task Write(HttpListenerResponse response, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}

/// <summary>One request the fake received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body's form fields (Twilio posts application/x-www-form-urlencoded).</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "", StringComparer.Ordinal);
}
