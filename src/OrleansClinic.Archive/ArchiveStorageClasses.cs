namespace OrleansClinic.Archive;

/// <summary>The S3 storage class names the archive uses, shared by every store so a manifest or a head reads the same everywhere.</summary>
public static class ArchiveStorageClasses
{
    /// <summary>S3 Standard: where an object without a class (or a local object before any transition) sits.</summary>
    public const string Standard = "STANDARD";

    /// <summary>S3 Standard-Infrequent Access: the warm tier every archive object is written to.</summary>
    public const string StandardInfrequentAccess = "STANDARD_IA";

    /// <summary>S3 Glacier Flexible Retrieval: cold, readable only after a restore (minutes to hours).</summary>
    public const string GlacierFlexibleRetrieval = "GLACIER";

    /// <summary>S3 Glacier Deep Archive: coldest, readable only after a restore (up to 12 hours, 48 for bulk).</summary>
    public const string DeepArchive = "DEEP_ARCHIVE";

    /// <summary>Whether objects of <paramref name="storageClass"/> must be restored before they can be read.</summary>
    public static bool IsCold(string? storageClass) =>
        string.Equals(storageClass, GlacierFlexibleRetrieval, StringComparison.Ordinal) || string.Equals(storageClass, DeepArchive, StringComparison.Ordinal);
}
