using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansClinic.Gateway.Live;

namespace OrleansClinic.Gateway.Tests.Live;

/// <summary>The SSE response a connection produces, written to an in-memory body over the memory-stream cluster.</summary>
public sealed class LiveEventsResultTests(LiveStreamCluster cluster) : IClassFixture<LiveStreamCluster>
{
    [Fact]
    public async Task The_response_has_sse_headers_a_retry_hint_heartbeats_and_the_events()
    {
        await using var services = Services(o => o.Heartbeat = TimeSpan.FromMilliseconds(100));
        var measurements = new List<(string Name, long Value)>();
        using var listener = Listen(measurements);
        var stream = LiveStream.Doctor("d-" + Guid.NewGuid().ToString("N")[..12]);
        var (http, body, aborted) = Request(services);

        var running = new LiveEventsResult(stream, null).ExecuteAsync(http);
        await WaitUntil(() => body.Text.Contains(": hb\n\n", StringComparison.Ordinal));
        await cluster.Publish(stream, 8, "e-eight");
        await WaitUntil(() => body.Text.Contains("id: 8\n", StringComparison.Ordinal));
        await aborted.CancelAsync();
        await running;

        Assert.Equal("text/event-stream", http.Response.ContentType);
        Assert.Equal("no-cache", http.Response.Headers.CacheControl.ToString());
        Assert.Equal("no", http.Response.Headers["X-Accel-Buffering"].ToString());
        Assert.StartsWith("retry: 3000\n\n", body.Text, StringComparison.Ordinal);
        Assert.Contains(
            "id: 8\nevent: slot.booked\ndata: {\"eventId\":\"e-eight\",\"type\":\"slot.booked\",\"occurredAt\":\"2026-03-01T09:00:00.000000Z\",\"correlationId\":\"c-8\",\"entity\":{\"offset\":8}}\n\n",
            body.Text,
            StringComparison.Ordinal);
        lock (measurements)
        {
            Assert.Equal(0, measurements.Where(m => m.Name == LiveMetrics.ConnectionsName).Sum(m => m.Value));
            Assert.Contains((LiveMetrics.ConnectionsName, 1L), measurements);
            Assert.Contains((LiveMetrics.EventsSentName, 1L), measurements);
        }
    }

    [Fact]
    public async Task A_resumed_connection_that_cannot_be_replayed_starts_with_a_resync()
    {
        await using var services = Services();
        var measurements = new List<(string Name, long Value)>();
        using var listener = Listen(measurements);
        var (http, body, aborted) = Request(services);

        var running = new LiveEventsResult(LiveStream.Doctor("d-" + Guid.NewGuid().ToString("N")[..12]), 41).ExecuteAsync(http);
        await WaitUntil(() => body.Text.Contains("event: resync", StringComparison.Ordinal));
        await aborted.CancelAsync();
        await running;

        Assert.Equal("retry: 3000\n\nevent: resync\ndata: {\"reason\":\"not-buffered\"}\n\n", body.Text);
        lock (measurements)
        {
            Assert.Contains((LiveMetrics.ResyncsName, 1L), measurements);
        }
    }

    private ServiceProvider Services(Action<LiveUpdatesOptions>? configure = null)
    {
        var options = new LiveUpdatesOptions();
        configure?.Invoke(options);
        return new ServiceCollection()
            .AddMetrics()
            .AddSingleton(Options.Create(options))
            .AddSingleton<LiveMetrics>()
            .AddSingleton(sp => new LiveStreamHub(cluster.Cluster.Client, Options.Create(options), TimeProvider.System, NullLogger<LiveStreamHub>.Instance))
            .BuildServiceProvider();
    }

    private static (DefaultHttpContext Http, SharedBody Body, CancellationTokenSource Aborted) Request(IServiceProvider services)
    {
        var body = new SharedBody();
        var aborted = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted.Token };
        http.Response.Body = body;
        return (http, body, aborted);
    }

    private static MeterListener Listen(List<(string Name, long Value)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LiveMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value));
            }
        });
        listener.Start();
        return listener;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>A response body the test can read while the result is still writing it.</summary>
    private sealed class SharedBody : MemoryStream
    {
        private readonly Lock sync = new();

        public string Text
        {
            get
            {
                lock (sync)
                {
                    return Encoding.UTF8.GetString(ToArray());
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (sync)
            {
                base.Write(buffer, offset, count);
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (sync)
            {
                base.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
