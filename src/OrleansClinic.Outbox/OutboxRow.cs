namespace OrleansClinic.Outbox;

/// <summary>One unsent row of <c>outbox.event</c>, as the relay reads it; <paramref name="PayloadJson"/> is the jsonb as text.</summary>
internal sealed record OutboxRow(
    long Sequence,
    Guid EventId,
    string EventType,
    string EntityKey,
    string? CorrelationId,
    DateTimeOffset OccurredAt,
    string PayloadJson);
