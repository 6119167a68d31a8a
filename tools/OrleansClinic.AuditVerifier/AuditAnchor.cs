namespace OrleansClinic.AuditVerifier;

/// <summary>A head hash an auditor noted earlier, and optionally the entry it belonged to, that the chain must still pass through.</summary>
/// <param name="Hash">The noted hash (32 bytes).</param>
/// <param name="Sequence">The entry it was noted at, or null to accept it at whichever entry has it.</param>
public sealed record AuditAnchor(ReadOnlyMemory<byte> Hash, long? Sequence);
