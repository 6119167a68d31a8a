namespace OrleansClinic.Archive;

/// <summary>A batch read back from the archive: its manifest and its records, checked against it.</summary>
/// <param name="ManifestKey">Where the manifest is stored.</param>
/// <param name="Manifest">The manifest read.</param>
/// <param name="Records">The records, in archive order.</param>
public sealed record ArchivedBatch(string ManifestKey, ArchiveManifest Manifest, IReadOnlyList<ArchiveRecord> Records);
