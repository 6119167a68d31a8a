using System.Text.Json;

namespace OrleansClinic.Archive;

/// <summary>
/// The sidecar <c>{key}.archive-meta.json</c> beside each object of <see cref="LocalDirectoryArchiveStore"/>: what S3
/// keeps as object metadata (size, SHA-256, storage class) and the state of a restore. Its presence commits a put.
/// </summary>
internal sealed record LocalArchiveMetadata(
    long Size,
    string Sha256,
    string StorageClass,
    DateTimeOffset? RestoreReadyAt = null,
    DateTimeOffset? RestoreExpiresAt = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Whether the object can be read at <paramref name="now"/>, and what a reader must wait for otherwise.</summary>
    public ArchiveRetrievalState StateAt(DateTimeOffset now) =>
        !ArchiveStorageClasses.IsCold(StorageClass) ? ArchiveRetrievalState.Available
        : RestoreReadyAt is null || RestoreExpiresAt is null || now >= RestoreExpiresAt ? ArchiveRetrievalState.Archived
        : now < RestoreReadyAt ? ArchiveRetrievalState.RestoreInProgress
        : ArchiveRetrievalState.Restored;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static LocalArchiveMetadata Parse(byte[] json, string key)
    {
        try
        {
            var metadata = JsonSerializer.Deserialize<LocalArchiveMetadata>(json, Json);
            if (metadata is not null && ArchiveChecksum.IsSha256Hex(metadata.Sha256) && !string.IsNullOrEmpty(metadata.StorageClass))
            {
                return metadata;
            }
        }
        catch (JsonException e)
        {
            throw new ArchiveIntegrityException(key, $"The metadata of archive object {key} is not readable: {e.Message}", e);
        }

        throw new ArchiveIntegrityException(key, $"The metadata of archive object {key} lacks its SHA-256 or storage class.");
    }
}
