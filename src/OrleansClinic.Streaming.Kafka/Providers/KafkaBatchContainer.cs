using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// One Kafka message as Orleans sees it: the events of one <c>OnNextAsync</c>/<c>OnNextBatchAsync</c> call (or one
/// external event), the request context they were sent with, and the message's offset as sequence token.
/// </summary>
[GenerateSerializer]
[Alias("OrleansClinic.Streaming.Kafka.KafkaBatchContainer")]
public sealed class KafkaBatchContainer : IBatchContainer
{
    /// <summary>Creates a container.</summary>
    /// <param name="streamId">The stream the events belong to.</param>
    /// <param name="events">The events, in order.</param>
    /// <param name="requestContext">The Orleans request context to restore on delivery, if any.</param>
    public KafkaBatchContainer(StreamId streamId, object[] events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    /// <inheritdoc />
    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events, in the order they were sent.</summary>
    [Id(1)]
    public object[] Events { get; }

    /// <summary>The request context captured when the events were sent.</summary>
    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>The message's offset in its partition; set when read, not when written.</summary>
    [Id(3)]
    public long Offset { get; set; } = -1;

    /// <inheritdoc />
    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Offset);

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.OfType<T>().Select((e, i) => Tuple.Create<T, StreamSequenceToken>(e, new EventSequenceTokenV2(Offset, i)));

    /// <inheritdoc />
    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"[KafkaBatchContainer:Stream={StreamId},Offset={Offset},#Items={Events.Length}]";
}
