using NodaTime;

namespace OrleansClinic.Domain.Audit;

/// <summary>
/// One thing that happened, as the audit trail keeps it: who (opaque ids and a role, never a name), did what to which
/// entity, when, under which correlation id, with what outcome and, for personal information, why. Never PII.
/// </summary>
/// <param name="At">When it happened.</param>
/// <param name="ActorId">The opaque id of the person or process ("system" for the clinic's own work).</param>
/// <param name="ActorRole">The actor's clinic role, or "system".</param>
/// <param name="Action">What was done, e.g. <c>appointment.booked</c>, <c>pii.read</c>, <c>auth.sign_in</c>.</param>
/// <param name="EntityType">The kind of entity: appointment, doctor, patient, staff, reassignment, …</param>
/// <param name="EntityId">The entity's opaque id.</param>
/// <param name="CorrelationId">The request that caused it.</param>
/// <param name="Outcome"><c>success</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="Reason">The stated purpose of a read of personal information; otherwise null.</param>
/// <param name="Source">Where the record came from (<c>event</c>, <c>pii_access</c>, <c>gateway</c>).</param>
/// <param name="SourceId">Its id in that source, so a record is sealed into the chain once however often it is read.</param>
public sealed record AuditRecord(
    Instant At,
    string ActorId,
    string ActorRole,
    string Action,
    string EntityType,
    string EntityId,
    string? CorrelationId,
    string Outcome,
    string? Reason,
    string Source,
    long SourceId);
