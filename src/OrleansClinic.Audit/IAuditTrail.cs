using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>
/// The audit trail: what the clinic's sources recorded, sealed into one hash chain by a single sealer at a time.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Seals up to <paramref name="max"/> source records not in the chain yet; returns how many (0 when another sealer holds the chain).</summary>
    Task<int> SealAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Records what the gateway saw (a sign-in), for the next seal; its source and source id are assigned here.</summary>
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Sealed entries matching <paramref name="query"/>, in chain order.</summary>
    Task<IReadOnlyList<SealedAuditEntry>> FindAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest entry of the chain, or null while it is empty.</summary>
    Task<SealedAuditEntry?> ReadHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The chain after <paramref name="afterSequence"/>, in order, at most <paramref name="max"/> entries.</summary>
    Task<IReadOnlyList<SealedAuditEntry>> ReadChainAsync(long afterSequence, int max, CancellationToken cancellationToken = default);
}
