using NodaTime;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>The places audit records come from, and how a row of each becomes an <see cref="AuditRecord"/>.</summary>
public static class AuditSource
{
    /// <summary>Outbox events: every state change, written in its transaction.</summary>
    public const string Event = "event";

    /// <summary>The PII vault's access log: every store, read, correction, erasure, shred and lookup, with its purpose.</summary>
    public const string PiiAccess = "pii_access";

    /// <summary>What the gateway records itself: sign-ins.</summary>
    public const string Gateway = "gateway";

    /// <summary>The order records are sealed in, whatever their source: oldest first, ties broken alike on every sealer.</summary>
    public static IOrderedEnumerable<AuditRecord> InSealOrder(IEnumerable<AuditRecord> records) =>
        records.OrderBy(r => r.At).ThenBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.SourceId);

    /// <summary>An outbox event as an audit record: the event type is the action; its first part names the entity's kind.</summary>
    public static AuditRecord FromEvent(long sequence, Instant at, string? actorId, string? actorRole, string eventType, string entityKey, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        var dot = eventType.IndexOf('.', StringComparison.Ordinal);
        return new AuditRecord(
            at, actorId ?? "system", actorRole ?? "system", eventType, dot > 0 ? eventType[..dot] : eventType, entityKey, correlationId,
            AuditOutcome.Success, null, Event, sequence);
    }

    /// <summary>An access-log entry as an audit record: <c>pii.read</c> of the patient, with the stated purpose as the reason.</summary>
    public static AuditRecord FromPiiAccess(long id, Instant at, string actorId, string actorRole, string action, string patientId, string purpose) =>
        new(at, actorId, actorRole, "pii." + action, "patient", patientId, null, AuditOutcome.Success, purpose, PiiAccess, id);
}
