using System.Buffers;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Gateway.Live;

/// <summary>Streams one live stream to the caller as Server-Sent Events until the caller leaves or falls too far behind.</summary>
/// <param name="stream">The stream to watch.</param>
/// <param name="lastEventId">The client's Last-Event-ID, when it is resuming.</param>
public sealed class LiveEventsResult(LiveStream stream, long? lastEventId) : IResult, IEndpointMetadataProvider
{
    /// <summary>The SSE media type.</summary>
    public const string ContentType = "text/event-stream";

    /// <summary>The stream watched.</summary>
    public LiveStream Stream => stream;

    /// <summary>The Last-Event-ID resumed from, if any.</summary>
    public long? LastEventId => lastEventId;

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<LiveUpdatesOptions>>().Value;
        var metrics = services.GetRequiredService<LiveMetrics>();
        var aborted = httpContext.RequestAborted;
        using var connection = await services.GetRequiredService<LiveStreamHub>().Connect(stream, lastEventId, aborted);

        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";

        // Stops nginx (and proxies that honour it) from holding events back in its buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        metrics.Connection(stream, +1);
        try
        {
            await response.WriteAsync(SseWriter.Retry(options.RetryHint), aborted);
            if (connection.Resync is { } resync)
            {
                await response.WriteAsync(SseWriter.Event(resync), aborted);
                metrics.Resync(stream);
            }

            await response.Body.FlushAsync(aborted);
            await Pump(connection, response, options.Heartbeat, metrics, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left; that is how every SSE response ends.
        }
        finally
        {
            metrics.Connection(stream, -1);
        }
    }

    private static async Task Pump(LiveConnection connection, HttpResponse response, TimeSpan heartbeat, LiveMetrics metrics, CancellationToken aborted)
    {
        var events = connection.Events;
        var body = response.BodyWriter;

        // One heartbeat timer for the connection's life, re-armed at each wake-up rather than made anew.
        var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        try
        {
            while (true)
            {
                if (!idle.TryReset())
                {
                    idle.Dispose();
                    idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                }

                idle.CancelAfter(heartbeat);
                try
                {
                    if (!await events.WaitToReadAsync(idle.Token))
                    {
                        // Completed: too slow (the client resumes with Last-Event-ID) or the gateway is stopping.
                        return;
                    }
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.WriteAsync(SseWriter.Comment("hb"), aborted);
                    await response.Body.FlushAsync(aborted);
                    continue;
                }

                // Everything queued goes out in one flush: events arrive in bursts (a delivery call brings many), and
                // one send per burst instead of per event is most of what a fan-out to many screens costs.
                while (events.TryRead(out var live))
                {
                    body.Write(live.Frame.Span);
                    metrics.EventSent(connection.Stream);
                }

                await body.FlushAsync(aborted);
            }
        }
        finally
        {
            idle.Dispose();
        }
    }
}
