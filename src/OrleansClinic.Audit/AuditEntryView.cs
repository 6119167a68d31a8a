using NodaTime;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>A sealed audit entry as staff read it: what happened, and its place and hash in the chain.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntryView(
    [property: Id(0)] long Sequence,
    [property: Id(1)] Instant At,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string ActorRole,
    [property: Id(4)] string Action,
    [property: Id(5)] string EntityType,
    [property: Id(6)] string EntityId,
    [property: Id(7)] string? CorrelationId,
    [property: Id(8)] string Outcome,
    [property: Id(9)] string? Reason,
    [property: Id(10)] string Hash)
{
    /// <summary>The view of <paramref name="entry"/>.</summary>
    public static AuditEntryView From(SealedAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var r = entry.Record;
        return new(entry.Sequence, r.At, r.ActorId, r.ActorRole, r.Action, r.EntityType, r.EntityId, r.CorrelationId, r.Outcome, r.Reason,
            Convert.ToHexStringLower(entry.Hash));
    }
}
