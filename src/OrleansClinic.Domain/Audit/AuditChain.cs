using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace OrleansClinic.Domain.Audit;

/// <summary>
/// The hash chain that makes the audit trail tamper-evident: each entry's hash covers the previous entry's hash and every
/// field of its own, so changing, removing, inserting or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry: 32 zero bytes.</summary>
    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[32];

    // Microseconds: what PostgreSQL's timestamptz keeps, so a value read back hashes as it was written.
    private static readonly InstantPattern TimePattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.ffffff'Z'");

    /// <summary>Truncates <paramref name="at"/> to what the chain (and PostgreSQL) keeps: whole microseconds.</summary>
    public static Instant Precise(Instant at) => Instant.FromUnixTimeTicks(at.ToUnixTimeTicks() / 10 * 10);

    /// <summary>Seals <paramref name="records"/> after the entry at <paramref name="lastSequence"/> whose hash is <paramref name="lastHash"/>.</summary>
    public static IReadOnlyList<SealedAuditEntry> Seal(long lastSequence, ReadOnlySpan<byte> lastHash, IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sealedEntries = new List<SealedAuditEntry>();
        var previous = lastHash.ToArray();
        foreach (var record in records)
        {
            var sequence = lastSequence + sealedEntries.Count + 1;
            var precise = record with { At = Precise(record.At) };
            var hash = Hash(sequence, precise, previous);
            sealedEntries.Add(new SealedAuditEntry(sequence, precise, previous, hash));
            previous = hash;
        }

        return sealedEntries;
    }

    /// <summary>The hash of entry <paramref name="sequence"/> holding <paramref name="record"/> after <paramref name="previousHash"/>.</summary>
    public static byte[] Hash(long sequence, AuditRecord record, ReadOnlySpan<byte> previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        hash.AppendData(number);
        // Each field length-prefixed (null distinct from empty), so no two different entries share a canonical form.
        foreach (var field in new[]
                 {
                     TimePattern.Format(record.At), record.ActorId, record.ActorRole, record.Action, record.EntityType,
                     record.EntityId, record.CorrelationId, record.Outcome, record.Reason, record.Source,
                     record.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            Append(hash, field);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Checks a chain read in sequence order, continuing from <paramref name="start"/> (the genesis, or where an earlier
    /// page ended): each entry must follow the previous one without a gap, name its hash, and hash to what it says, and
    /// an entry with one of <paramref name="anchors"/> (by sequence, <see cref="AuditAnchor.BySequence"/>) must have its hash.
    /// Once the whole chain is read, <see cref="VerifyReachesAnchors"/> checks that no anchor lies beyond it.
    /// </summary>
    public static AuditVerification Verify(
        IEnumerable<SealedAuditEntry> entries, AuditVerification? start = null, IReadOnlyDictionary<long, AuditAnchor>? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var state = start ?? AuditVerification.Empty;
        if (!state.Intact)
        {
            return state;
        }

        var (count, lastSequence, lastHash) = (state.Entries, state.HeadSequence, state.HeadHash.ToArray());
        var anchorsChecked = state.AnchorsChecked;
        foreach (var entry in entries)
        {
            string? problem = null;
            var at = entry.Sequence;
            if (entry.Sequence != lastSequence + 1)
            {
                (at, problem) = (lastSequence + 1, entry.Sequence <= lastSequence
                    ? $"is followed by entry {entry.Sequence} again (out of order or duplicated)"
                    : $"is missing (the chain goes on at {entry.Sequence})");
            }
            else if (!entry.PreviousHash.AsSpan().SequenceEqual(lastHash))
            {
                problem = "does not follow the entry before it";
            }
            else if (!Hash(entry.Sequence, entry.Record, entry.PreviousHash).AsSpan().SequenceEqual(entry.Hash))
            {
                problem = "was altered after it was sealed";
            }
            else if (anchors is not null && anchors.TryGetValue(entry.Sequence, out var anchor))
            {
                anchorsChecked++;
                if (!anchor.Hash.Span.SequenceEqual(entry.Hash))
                {
                    // The entry agrees with those before it, so they were all rewritten together: only the anchor tells.
                    problem = $"does not have the hash anchored outside the database ({Convert.ToHexStringLower(anchor.Hash.Span)}) but {Convert.ToHexStringLower(entry.Hash)}: the chain was rewritten from this entry or an earlier one";
                }
            }

            if (problem is not null)
            {
                return new AuditVerification(false, count, lastSequence, lastHash, at, $"entry {at} {problem}") { AnchorsChecked = anchorsChecked };
            }

            (count, lastSequence, lastHash) = (count + 1, entry.Sequence, entry.Hash);
        }

        return new AuditVerification(true, count, lastSequence, lastHash, null, null) { AnchorsChecked = anchorsChecked };
    }

    /// <summary>
    /// Ends a check of the whole chain (<paramref name="walked"/>, from <see cref="Verify"/>): an intact chain must reach
    /// every one of <paramref name="anchors"/>, or entries were removed from its end.
    /// </summary>
    public static AuditVerification VerifyReachesAnchors(AuditVerification walked, IReadOnlyDictionary<long, AuditAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(walked);
        ArgumentNullException.ThrowIfNull(anchors);
        var beyond = walked.Intact ? anchors.Keys.Where(s => s > walked.HeadSequence).ToList() : [];
        if (beyond.Count == 0)
        {
            return walked;
        }

        var missing = beyond.Min();
        return walked with
        {
            Intact = false,
            BrokenAt = missing,
            Problem = string.Create(
                CultureInfo.InvariantCulture,
                $"entry {missing} was anchored outside the database but is missing: the chain ends at entry {walked.HeadSequence} (entries were removed from the end, or the copy checked is older than the anchor)"),
            AnchorsChecked = walked.AnchorsChecked + 1,
        };
    }

    private static void Append(IncrementalHash hash, string? field)
    {
        Span<byte> length = stackalloc byte[4];
        if (field is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(field);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
