using System.Diagnostics.Metrics;

namespace OrleansClinic.Gateway.Live;

/// <summary>The live updates' instruments on the <c>OrleansClinic.Gateway.Live</c> meter, each tagged with the stream's topic.</summary>
public sealed class LiveMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "OrleansClinic.Gateway.Live";

    /// <summary>Up-down counter: open SSE connections.</summary>
    public const string ConnectionsName = "clinic.live.connections";

    /// <summary>Counter: events written to SSE connections (replayed or live).</summary>
    public const string EventsSentName = "clinic.live.events_sent";

    /// <summary>Counter: resyncs sent because a reconnect could not be replayed.</summary>
    public const string ResyncsName = "clinic.live.resyncs";

    /// <summary>The tag holding the stream's topic; keys are left out to keep cardinality bounded.</summary>
    public const string TopicTag = "clinic.live.topic";

    private readonly UpDownCounter<long> connections;
    private readonly Counter<long> eventsSent;
    private readonly Counter<long> resyncs;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, which owns and disposes it.</summary>
    public LiveMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        connections = meter.CreateUpDownCounter<long>(ConnectionsName, unit: "{connection}", description: "Open SSE live-update connections.");
        eventsSent = meter.CreateCounter<long>(EventsSentName, unit: "{event}", description: "Events written to SSE live-update connections.");
        resyncs = meter.CreateCounter<long>(ResyncsName, unit: "{event}", description: "Resync events sent because missed events were no longer buffered.");
    }

    /// <summary>Counts a connection opening (+1) or closing (-1).</summary>
    public void Connection(LiveStream stream, int delta) => connections.Add(delta, Topic(stream));

    /// <summary>Counts an event written.</summary>
    public void EventSent(LiveStream stream) => eventsSent.Add(1, Topic(stream));

    /// <summary>Counts a resync written.</summary>
    public void Resync(LiveStream stream) => resyncs.Add(1, Topic(stream));

    private static KeyValuePair<string, object?> Topic(LiveStream stream) => new(TopicTag, stream.Topic);
}
