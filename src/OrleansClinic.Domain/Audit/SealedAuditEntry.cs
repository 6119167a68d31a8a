namespace OrleansClinic.Domain.Audit;

/// <summary>An <see cref="AuditRecord"/> in the chain: its position, the hash of the entry before it, and its own hash.</summary>
/// <param name="Sequence">Position in the chain, from 1, without gaps.</param>
/// <param name="Record">What happened.</param>
/// <param name="PreviousHash">The previous entry's hash (<see cref="AuditChain.Genesis"/> for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and this entry's canonical form.</param>
public sealed record SealedAuditEntry(long Sequence, AuditRecord Record, byte[] PreviousHash, byte[] Hash);
