namespace OrleansClinic.Archive;

/// <summary>What a store knows of one archived object without reading it: size, recorded checksum, storage class and whether it can be read.</summary>
/// <param name="Key">The object's store key.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The lowercase hex SHA-256 recorded when it was written, checked again on every read; empty for an S3 object written without one, which cannot be read.</param>
/// <param name="StorageClass">Its S3 storage class name, such as <c>STANDARD_IA</c> or <c>GLACIER</c> (see <see cref="ArchiveStorageClasses"/>).</param>
/// <param name="State">Whether it can be read now.</param>
/// <param name="RestoreExpiresAt">When a restored copy of a cold object is removed again; null unless <see cref="ArchiveRetrievalState.Restored"/>.</param>
public sealed record ArchiveObjectInfo(
    string Key, long Size, string Sha256, string StorageClass, ArchiveRetrievalState State, DateTimeOffset? RestoreExpiresAt = null);
