using NodaTime;

namespace OrleansClinic.Audit;

/// <summary>Which audit entries to read: about one entity and/or in a time range [From, To), newest last, at most Limit.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditQuery(
    [property: Id(0)] string? EntityId,
    [property: Id(1)] Instant? From,
    [property: Id(2)] Instant? To,
    [property: Id(3)] int Limit);
