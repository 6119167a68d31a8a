namespace OrleansClinic.Privacy;

/// <summary>
/// The key-encryption key that wraps each record's data key. Implementations: <see cref="LocalKeyRing"/> for development
/// and tests; an AWS KMS adapter in production (Encrypt/Decrypt with the context as KMS encryption context).
/// </summary>
public interface IMasterKey
{
    /// <summary>The version new data keys are wrapped under.</summary>
    int CurrentVersion { get; }

    /// <summary>Wraps a 32-byte data key under <see cref="CurrentVersion"/>, bound to <paramref name="context"/> (the patient id).</summary>
    ValueTask<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recovers the data key from a blob made by <see cref="WrapAsync"/> under any version still held, with the same
    /// <paramref name="context"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> otherwise.
    /// </summary>
    ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, string context, CancellationToken cancellationToken = default);
}
