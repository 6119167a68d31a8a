using Orleans;

namespace OrleansClinic.Streaming.Kafka;

/// <summary>
/// An event written to Kafka by something other than Orleans (the outbox relay), delivered on the stream whose
/// namespace is the topic and whose key is the message key. The payload stays JSON for the subscriber to read.
/// </summary>
/// <param name="EventId">The <c>event-id</c> header; consumers deduplicate by it. Empty when absent.</param>
/// <param name="EventType">The <c>event-type</c> header. Empty when absent.</param>
/// <param name="StreamKey">The message key (the entity id).</param>
/// <param name="CorrelationId">The <c>correlation-id</c> header, when present.</param>
/// <param name="Json">The message value, UTF-8 JSON as produced.</param>
/// <param name="Topic">The topic it was read from.</param>
/// <param name="Partition">The partition it was read from.</param>
/// <param name="Offset">Its offset in that partition.</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> to continue when acting on the event: the receipt's span, else the sender's (from the
/// message headers); null when the message was not traced.
/// </param>
[GenerateSerializer]
[Alias("OrleansClinic.Streaming.Kafka.KafkaExternalEvent")]
public sealed record KafkaExternalEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string StreamKey,
    [property: Id(3)] string? CorrelationId,
    [property: Id(4)] string Json,
    [property: Id(5)] string Topic,
    [property: Id(6)] int Partition,
    [property: Id(7)] long Offset,
    [property: Id(8)] string? TraceParent = null);
