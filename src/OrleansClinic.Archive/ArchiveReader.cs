namespace OrleansClinic.Archive;

/// <summary>Reads archived batches back by manifest key, every byte checked against the manifest's checksum.</summary>
public sealed class ArchiveReader
{
    private readonly IArchiveStore store;

    /// <summary>Reads from <paramref name="store"/>.</summary>
    public ArchiveReader(IArchiveStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    /// <summary>Reads and checks the manifest stored under <paramref name="manifestKey"/>.</summary>
    /// <exception cref="ArchiveObjectNotFoundException">There is no manifest under the key.</exception>
    /// <exception cref="ArchiveRestoreRequiredException">The manifest is in a cold storage class and not restored.</exception>
    /// <exception cref="ArchiveIntegrityException">The manifest's bytes or contents cannot be trusted.</exception>
    public async Task<ArchiveManifest> ReadManifestAsync(string manifestKey, CancellationToken cancellationToken = default)
    {
        ArchiveKeys.ThrowIfInvalid(manifestKey, nameof(manifestKey));
        var dataKey = ArchiveKeys.DataKeyFor(manifestKey);
        var manifest = ArchiveManifest.Parse(await store.GetAsync(manifestKey, cancellationToken), manifestKey);
        return string.Equals(manifest.ObjectKey, dataKey, StringComparison.Ordinal)
            ? manifest
            : throw new ArchiveIntegrityException(manifestKey, $"The archive manifest {manifestKey} names data object {manifest.ObjectKey}, not {dataKey} beside it.");
    }

    /// <summary>
    /// Reads the batch whose manifest is stored under <paramref name="manifestKey"/>: the manifest, then its data
    /// object, whose size, SHA-256 and record ids must match the manifest.
    /// </summary>
    /// <exception cref="ArchiveObjectNotFoundException">The manifest or its data object is missing.</exception>
    /// <exception cref="ArchiveRestoreRequiredException">The manifest or its data object is cold and not restored: request a restore of both.</exception>
    /// <exception cref="ArchiveIntegrityException">A checksum, size or record id does not match.</exception>
    public async Task<ArchivedBatch> ReadAsync(string manifestKey, CancellationToken cancellationToken = default)
    {
        var manifest = await ReadManifestAsync(manifestKey, cancellationToken);
        var data = await store.GetAsync(manifest.ObjectKey, cancellationToken);
        return new ArchivedBatch(manifestKey, manifest, ArchiveBatchPacker.Unpack(manifest, data));
    }
}
