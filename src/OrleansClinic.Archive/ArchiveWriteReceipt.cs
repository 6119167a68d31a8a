namespace OrleansClinic.Archive;

/// <summary>
/// Proof that a batch is in the archive and was read back intact: only after getting one may the tiering job delete
/// the batch's rows from the hot store.
/// </summary>
/// <param name="ManifestKey">Where the manifest is stored.</param>
/// <param name="Manifest">The manifest stored, naming the data object and its checksum.</param>
/// <param name="AlreadyArchived">True when an earlier write of the same batch had stored it and this one only verified it.</param>
public sealed record ArchiveWriteReceipt(string ManifestKey, ArchiveManifest Manifest, bool AlreadyArchived);
