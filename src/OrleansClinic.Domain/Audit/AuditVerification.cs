namespace OrleansClinic.Domain.Audit;

/// <summary>What checking the chain found: intact up to the head, or where it first breaks and how.</summary>
/// <param name="Intact">True when every entry checked follows, links and hashes correctly.</param>
/// <param name="Entries">How many entries were found intact.</param>
/// <param name="HeadSequence">The last intact entry's sequence (0 for none).</param>
/// <param name="HeadHash">The last intact entry's hash: an auditor who notes it can later tell whether history was rewritten.</param>
/// <param name="BrokenAt">The sequence where the chain breaks, or null.</param>
/// <param name="Problem">What is wrong there, or null.</param>
public sealed record AuditVerification(bool Intact, long Entries, long HeadSequence, ReadOnlyMemory<byte> HeadHash, long? BrokenAt, string? Problem)
{
    /// <summary>How many anchors kept outside the database were compared with the chain (a failing one included).</summary>
    public long AnchorsChecked { get; init; }

    /// <summary>An empty chain: intact, nothing checked yet.</summary>
    public static AuditVerification Empty { get; } = new(true, 0, 0, AuditChain.Genesis, null, null);
}
