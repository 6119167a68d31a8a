using NodaTime;
using OrleansClinic.Grains.Abstractions;

namespace OrleansClinic.Grains.Abstractions.Storage;

/// <summary>
/// A domain event waiting in a grain's state to be written to the outbox in the same transaction as the state.
/// </summary>
/// <param name="EventId">Unique id; consumers dedupe on it.</param>
/// <param name="EventType">Dotted type name, e.g. <c>appointment.booked</c>.</param>
/// <param name="EntityKey">Id of the entity the event is about; the Kafka message key later.</param>
/// <param name="CorrelationId">The correlation id of the request that caused it.</param>
/// <param name="OccurredAt">When the change was made.</param>
/// <param name="Payload">The event body as JSON, free of PII.</param>
/// <param name="ActorId">Who made the change (an opaque id, or "system"), for the audit trail; not published.</param>
/// <param name="ActorRole">Their clinic roles, comma-separated, or "system".</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the span that raised the event, so the relay's publish continues the request's trace;
/// null when nothing was traced. Not part of the published payload.
/// </param>
[GenerateSerializer, Immutable]
public sealed record OutboxEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string EntityKey,
    [property: Id(3)] string CorrelationId,
    [property: Id(4)] Instant OccurredAt,
    [property: Id(5)] string Payload,
    [property: Id(6)] string ActorId = ClinicRequestContext.System,
    [property: Id(7)] string ActorRole = ClinicRequestContext.System,
    [property: Id(8)] string? TraceParent = null)
{
    /// <summary>
    /// The member of <c>outbox.event.payload</c> that keeps <see cref="TraceParent"/> in PostgreSQL (no column of its own);
    /// the outbox store removes it again before the payload is published.
    /// </summary>
    public const string TraceParentPayloadMember = "_traceparent";
}
