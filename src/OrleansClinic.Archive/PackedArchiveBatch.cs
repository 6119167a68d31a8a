namespace OrleansClinic.Archive;

/// <summary>A batch ready to upload: the compressed data object, its manifest, and the manifest's stored JSON and key.</summary>
/// <param name="Manifest">The manifest describing <paramref name="Data"/>.</param>
/// <param name="ManifestKey">Where the manifest goes, beside <see cref="ArchiveManifest.ObjectKey"/>.</param>
/// <param name="Data">The gzip-compressed JSON Lines to store under <see cref="ArchiveManifest.ObjectKey"/>.</param>
/// <param name="ManifestJson">The manifest's UTF-8 JSON to store under <paramref name="ManifestKey"/>.</param>
public sealed record PackedArchiveBatch(ArchiveManifest Manifest, string ManifestKey, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> ManifestJson);
