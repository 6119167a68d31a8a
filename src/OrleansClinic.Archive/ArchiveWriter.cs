namespace OrleansClinic.Archive;

/// <summary>
/// Archives a batch: uploads its data object, then its manifest, then reads both back and checks them before
/// answering, so a caller that deletes hot rows only on a receipt never deletes rows the archive does not hold.
/// </summary>
public sealed class ArchiveWriter
{
    private readonly IArchiveStore store;

    /// <summary>Writes to <paramref name="store"/>.</summary>
    public ArchiveWriter(IArchiveStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
    }

    /// <summary>
    /// Packs and uploads <paramref name="batch"/> and verifies the upload: each object's size and recorded checksum
    /// (head), and its bytes re-read and re-hashed. Writing a batch again with the same id, creation time and
    /// records verifies the stored copy and succeeds, so a tiering job that died before deleting its rows can retry.
    /// </summary>
    /// <exception cref="ArchiveKeyConflictException">Another batch with different records is stored under this batch's keys.</exception>
    /// <exception cref="ArchiveIntegrityException">What was read back is not what was written: do not delete the hot rows.</exception>
    public async Task<ArchiveWriteReceipt> WriteAsync(ArchiveBatch batch, CancellationToken cancellationToken = default)
    {
        var packed = ArchiveBatchPacker.Pack(batch);
        var dataKey = packed.Manifest.ObjectKey;
        try
        {
            // Data first: a manifest in the store always names data that was stored before it.
            var data = await store.PutAsync(dataKey, packed.Data, cancellationToken);
            var manifest = await store.PutAsync(packed.ManifestKey, packed.ManifestJson, cancellationToken);
            await VerifyAsync(dataKey, packed.Data, cancellationToken);
            await VerifyAsync(packed.ManifestKey, packed.ManifestJson, cancellationToken);
            return new ArchiveWriteReceipt(
                packed.ManifestKey, packed.Manifest, data == ArchivePutOutcome.AlreadyStored && manifest == ArchivePutOutcome.AlreadyStored);
        }
        catch (ArchiveKeyConflictException)
        {
            // The same batch packed again may compress differently (another runtime's gzip) or carry another creation
            // time in the same month: a stored copy that reads back intact with the same records stands.
            var stored = await HoldsSameRecordsAsync(packed, batch, cancellationToken);
            if (stored is null)
            {
                throw;
            }

            return new ArchiveWriteReceipt(packed.ManifestKey, stored.Manifest, AlreadyArchived: true);
        }
    }

    private async Task VerifyAsync(string key, ReadOnlyMemory<byte> written, CancellationToken cancellationToken)
    {
        var expected = ArchiveChecksum.Sha256Hex(written.Span);
        var head = await store.HeadAsync(key, cancellationToken)
            ?? throw new ArchiveIntegrityException(key, $"Archive object {key} was uploaded but is not there.");
        if (head.Size != written.Length || !string.Equals(head.Sha256, expected, StringComparison.Ordinal))
        {
            throw new ArchiveIntegrityException(
                key, $"Archive object {key} is recorded as {head.Size} bytes with SHA-256 {head.Sha256}; {written.Length} bytes with SHA-256 {expected} were uploaded.");
        }

        // The store checks the bytes against its recorded checksum; this checks them against what was uploaded.
        var readBack = await store.GetAsync(key, cancellationToken);
        var actual = ArchiveChecksum.Sha256Hex(readBack);
        if (readBack.Length != written.Length || !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new ArchiveIntegrityException(
                key, $"Archive object {key} reads back as {readBack.Length} bytes with SHA-256 {actual}; {written.Length} bytes with SHA-256 {expected} were uploaded.");
        }
    }

    private async Task<ArchivedBatch?> HoldsSameRecordsAsync(PackedArchiveBatch packed, ArchiveBatch batch, CancellationToken cancellationToken)
    {
        ArchivedBatch stored;
        try
        {
            stored = await new ArchiveReader(store).ReadAsync(packed.ManifestKey, cancellationToken);
        }
        catch (ArchiveException)
        {
            return null;
        }

        var expected = ArchiveBatchPacker.Unpack(packed.Manifest, packed.Data.Span);
        return string.Equals(stored.Manifest.BatchId, batch.BatchId, StringComparison.Ordinal)
            && string.Equals(stored.Manifest.DataType, batch.DataType, StringComparison.Ordinal)
            && stored.Records.SequenceEqual(expected)
            ? stored
            : null;
    }
}
