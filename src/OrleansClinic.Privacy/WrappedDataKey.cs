namespace OrleansClinic.Privacy;

/// <summary>A data key sealed by an <see cref="IMasterKey"/>, with the master-key version that sealed it.</summary>
/// <param name="Version">The master-key version; stored beside the blob so rotation can find what still needs rewrapping.</param>
/// <param name="Blob">The opaque wrapped key, self-describing for the master key that made it.</param>
public sealed record WrappedDataKey(int Version, byte[] Blob);
