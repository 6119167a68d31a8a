namespace OrleansClinic.Outbox;

/// <summary>One unsent outbox event as the relay reads it; <paramref name="PayloadJson"/> is the event's JSON body.</summary>
/// <param name="Sequence">Position in the outbox; the relay publishes in this order.</param>
/// <param name="EventId">Unique id; consumers dedupe on it.</param>
/// <param name="EventType">Dotted type name, e.g. <c>appointment.booked</c>.</param>
/// <param name="EntityKey">Id of the entity the event is about.</param>
/// <param name="CorrelationId">The correlation id of the request that caused it, when known.</param>
/// <param name="OccurredAt">When the change was made.</param>
/// <param name="PayloadJson">The event body, a JSON object.</param>
/// <param name="ActorId">Who made the change, for the audit trail; not published.</param>
/// <param name="ActorRole">Their clinic roles, for the audit trail; not published.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the span that raised the event; the relay's publish span is its child.</param>
public sealed record OutboxRow(
    long Sequence,
    Guid EventId,
    string EventType,
    string EntityKey,
    string? CorrelationId,
    DateTimeOffset OccurredAt,
    string PayloadJson,
    string? ActorId = null,
    string? ActorRole = null,
    string? TraceParent = null);
