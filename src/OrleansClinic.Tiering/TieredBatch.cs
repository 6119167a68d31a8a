namespace OrleansClinic.Tiering;

/// <summary>What one step of tiering did: how many appointments left the hot store, and the manifest that now holds them.</summary>
/// <param name="Moved">Appointments deleted from the hot store (0 when none were left to move).</param>
/// <param name="ManifestKey">The archived batch's manifest, or null when nothing was moved.</param>
/// <param name="AlreadyArchived">True when the batch was found archived by an earlier attempt that died before deleting.</param>
public sealed record TieredBatch(int Moved, string? ManifestKey, bool AlreadyArchived);
