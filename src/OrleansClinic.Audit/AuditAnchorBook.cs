using Microsoft.Extensions.Logging;
using OrleansClinic.Archive;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.Audit;

/// <summary>
/// The chain's head anchored outside the database: one write-once object per anchored entry in the archive store,
/// <c>audit-anchors/{sequence:D20}.json</c> holding <c>{"sequence":N,"hash":"…"}</c>, which verification checks the
/// chain against. A superuser of the database can rewrite or cut the chain, but not these.
/// </summary>
public sealed partial class AuditAnchorBook(IAuditTrail trail, IArchiveStore store, ILogger<AuditAnchorBook> logger)
{
    /// <summary>Where the anchors are kept in the archive store.</summary>
    public const string Prefix = "audit-anchors/";

    // Anchors read at once while verifying: a year of hourly anchors is thousands of small reads.
    private const int ParallelReads = 8;

    /// <summary>The store key of the anchor of entry <paramref name="sequence"/>.</summary>
    public static string KeyOf(long sequence) => Prefix + AuditAnchor.FileNameOf(sequence);

    /// <summary>
    /// Anchors the chain's head when it has moved past the newest stored anchor; returns the anchor this call stored, or
    /// null when there was nothing new or another silo stored the same one first. Throws
    /// <see cref="ArchiveKeyConflictException"/>, after logging it as an error, when the store holds another hash for the head's entry.
    /// </summary>
    public async Task<AuditAnchor?> AnchorHeadAsync(CancellationToken cancellationToken = default)
    {
        if (await trail.ReadHeadAsync(cancellationToken) is not { } head)
        {
            return null;
        }

        var newest = (await store.ListAsync(Prefix, cancellationToken)).Select(SequenceOf).Max();
        if (head.Sequence <= newest)
        {
            if (head.Sequence < newest)
            {
                // The chain was longer when that anchor was written: entries were removed from its end.
                LogHeadBehindAnchor(head.Sequence, newest.Value);
            }

            return null;
        }

        var anchor = AuditAnchor.Of(head);
        try
        {
            return await store.PutAsync(KeyOf(head.Sequence), anchor.ToJson(), cancellationToken) == ArchivePutOutcome.Stored ? anchor : null;
        }
        catch (ArchiveKeyConflictException e)
        {
            // Identical bytes would have been AlreadyStored: this entry had another hash when it was anchored.
            LogAnchorConflict(e, head.Sequence, Convert.ToHexStringLower(head.Hash));
            throw;
        }
    }

    /// <summary>
    /// Every stored anchor, in sequence order. Throws <see cref="FormatException"/> for an object under
    /// <see cref="Prefix"/> that is not an anchor, or not the one its key names.
    /// </summary>
    public async Task<IReadOnlyList<AuditAnchor>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var keys = await store.ListAsync(Prefix, cancellationToken);
        var anchors = new AuditAnchor[keys.Count];
        await Parallel.ForAsync(0, keys.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var key = keys[i];
            var sequence = SequenceOf(key) ?? throw new FormatException($"{key} is not named as an audit anchor ({KeyOf(1)}).");
            AuditAnchor anchor;
            try
            {
                anchor = AuditAnchor.FromJson(await store.GetAsync(key, ct));
            }
            catch (FormatException e)
            {
                throw new FormatException($"The audit anchor {key} cannot be read: {e.Message}", e);
            }

            anchors[i] = anchor.Sequence == sequence
                ? anchor
                : throw new FormatException($"The audit anchor {key} holds the anchor of entry {anchor.Sequence}.");
        });
        return anchors;
    }

    private static long? SequenceOf(string key) => AuditAnchor.SequenceOfFileName(key[Prefix.Length..]);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit chain ends at entry {HeadSequence} but entry {AnchoredSequence} was anchored outside the database: entries were removed from its end")]
    private partial void LogHeadBehindAnchor(long headSequence, long anchoredSequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entry {Sequence} of the audit chain has hash {Hash}, but another hash was anchored for it outside the database: the chain was rewritten")]
    private partial void LogAnchorConflict(Exception exception, long sequence, string hash);
}
