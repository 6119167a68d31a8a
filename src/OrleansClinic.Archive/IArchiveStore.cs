namespace OrleansClinic.Archive;

/// <summary>
/// Where archived record batches live past the hot window: write-once objects under keys such as
/// <c>appointments/2026/05/{batch}.jsonl.gz</c>, each with its SHA-256 recorded beside it, readable at once in the warm
/// tier and only after a restore in the cold one. <see cref="LocalDirectoryArchiveStore"/> serves the embedded clinic,
/// the S3 store production.
/// </summary>
/// <remarks>
/// Keys are relative to the store (its root directory or bucket prefix): <c>/</c>-separated segments, none empty,
/// <c>.</c> or <c>..</c>. Every read re-hashes the bytes and throws <see cref="ArchiveIntegrityException"/> when they
/// differ from the checksum recorded at write.
/// </remarks>
public interface IArchiveStore
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>. Putting the same bytes again succeeds
    /// (<see cref="ArchivePutOutcome.AlreadyStored"/>), so a retried write is safe; different bytes under a key that is
    /// taken throw <see cref="ArchiveKeyConflictException"/> and leave the stored object as it was.
    /// </summary>
    Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the object under <paramref name="key"/>, verified against its recorded SHA-256. Throws
    /// <see cref="ArchiveObjectNotFoundException"/> when there is none, <see cref="ArchiveRestoreRequiredException"/>
    /// when it is cold and not restored, and <see cref="ArchiveIntegrityException"/> when the bytes do not match.
    /// </summary>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The object's size, recorded checksum, storage class and retrieval state, or null when there is none.</summary>
    Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The keys that start with <paramref name="prefix"/> (all keys when empty), in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Removes the object under <paramref name="key"/>; removing one that is not there succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks for a readable copy of a cold object for <paramref name="days"/> days. The object turns
    /// <see cref="ArchiveRetrievalState.RestoreInProgress"/>, then <see cref="ArchiveRetrievalState.Restored"/>. Asking
    /// for an object that is readable already, or whose restore is under way, does nothing; asking again for a restored
    /// one extends its copy. Throws <see cref="ArchiveObjectNotFoundException"/> when there is no object.
    /// </summary>
    Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default);
}
